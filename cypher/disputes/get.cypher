// One dispute by id.
// Parameters: $id — dispute id.
// Returns: zero or one row {dispute} — the node's properties.
MATCH (d:Dispute {id: $id})
RETURN properties(d) AS dispute
