// The recorded report requests, newest first.
// Parameters: $limit — integer.
// Returns: rows {entry} — node properties.
MATCH (r:ReportRead)
RETURN properties(r) AS entry
ORDER BY r.at DESC
LIMIT $limit
