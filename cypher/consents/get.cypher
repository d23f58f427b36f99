// One consent by id.
// Parameters: $id — consent id.
// Returns: zero or one row {consent} — the node's properties.
MATCH (c:Consent {id: $id})
RETURN properties(c) AS consent
