// Persons with seq in [$fromSeq, $toSeq), in seq order (a range seek on the person_seq constraint).
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {person} — the node's properties.
MATCH (p:Person)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
RETURN properties(p) AS person
ORDER BY p.seq
