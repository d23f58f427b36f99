// All API key records, oldest first.
// Parameters: none.
// Returns: rows {key} — node properties.
MATCH (k:ApiKey)
RETURN properties(k) AS key
ORDER BY k.createdAt, k.id
