// One API key record by id.
// Parameters: $id — key id.
// Returns: zero or one row {key} — the node's properties.
MATCH (k:ApiKey {id: $id})
RETURN properties(k) AS key
