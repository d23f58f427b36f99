// The credit events of the persons with the given seqs, by seq, then by event id.
// Parameters: $seqs — list of integers.
// Returns: rows {seq, personId, event} — event is the node's properties.
UNWIND $seqs AS seq
MATCH (p:Person {seq: seq})-[:HAS_EVENT]->(e:Event)
RETURN p.seq AS seq, p.id AS personId, properties(e) AS event
ORDER BY seq, e.id
