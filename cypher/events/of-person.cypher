// The credit events of one person, by event id.
// Parameters: $personId — the person's id.
// Returns: rows {personId, event} — event is the node's properties.
MATCH (p:Person {id: $personId})-[:HAS_EVENT]->(e:Event)
RETURN p.id AS personId, properties(e) AS event
ORDER BY e.id
