// Erasure records, newest first.
// Parameters: $limit — integer.
// Returns: rows {record} — node properties {idHash, at, requestedBy, role}.
MATCH (r:ErasureRecord)
RETURN r {.idHash, .at, .requestedBy, .role} AS record
ORDER BY r.at DESC
LIMIT $limit
