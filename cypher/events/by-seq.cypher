// The credit events of the persons with seq in [$fromSeq, $toSeq), by seq, then by event id.
// The index hint keeps this a seq range seek even while the statistics say the graph is small.
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {seq, personId, event} — event is the node's properties.
MATCH (p:Person)
USING INDEX p:Person(seq)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
MATCH (p)-[:HAS_EVENT]->(e:Event)
RETURN p.seq AS seq, p.id AS personId, properties(e) AS event
ORDER BY seq, e.id
