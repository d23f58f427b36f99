// The bulk score exports, newest first.
// Parameters: $limit — integer.
// Returns: rows {export} — node properties.
MATCH (x:ScoreExport)
RETURN properties(x) AS export
ORDER BY x.startedAt DESC
LIMIT $limit
