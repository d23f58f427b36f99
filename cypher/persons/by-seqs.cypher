// Persons with the given seqs (unknown seqs are skipped), in seq order: point seeks on the
// person_seq constraint, for the scattered persons an incremental run rescores.
// Parameters: $seqs — list of integers.
// Returns: rows {person} — the node's properties.
UNWIND $seqs AS seq
MATCH (p:Person {seq: seq})
RETURN properties(p) AS person
ORDER BY p.seq
