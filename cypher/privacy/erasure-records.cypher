// Erasure records, newest first.
// Parameters: $limit — integer.
// Returns: rows {record} — node properties {idHash, at, requestedBy, role}.
MATCH (r:ErasureRecord)
RETURN properties(r) AS record
ORDER BY r.at DESC
LIMIT $limit
