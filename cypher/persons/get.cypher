// One person by id.
// Parameters: $id — the person's external id.
// Returns: zero or one row {person} — the node's properties (id, seq, features, updatedAt).
MATCH (p:Person {id: $id})
RETURN properties(p) AS person
