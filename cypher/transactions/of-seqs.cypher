// The transaction aggregates with the payer or the payee among the persons with the given seqs,
// each once, ends as seqs: what an incremental run re-reads for its dirty persons.
// Point seeks on the person_seq constraint, then each person's PAID edges (both directions).
// Parameters: $seqs — list of integers.
// Returns: rows {from, to, count, amount, lastAt}.
UNWIND $seqs AS seq
MATCH (p:Person {seq: seq})-[t:PAID]-(:Person)
WITH DISTINCT t
RETURN startNode(t).seq AS from, endNode(t).seq AS to, t.count AS count, t.amount AS amount, t.lastAt AS lastAt
