// The friendships with at least one end among the persons with the given seqs, each once (in
// its stored direction), ends as seqs: what an incremental run re-reads for its dirty persons.
// Point seeks on the person_seq constraint, then each person's FRIEND edges.
// Parameters: $seqs — list of integers.
// Returns: rows {a, b, since, interactions}.
UNWIND $seqs AS seq
MATCH (p:Person {seq: seq})-[f:FRIEND]-(:Person)
WITH DISTINCT f
RETURN startNode(f).seq AS a, endNode(f).seq AS b, f.since AS since, f.interactions AS interactions
