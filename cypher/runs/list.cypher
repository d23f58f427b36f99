// The newest score runs, by start time (then id), newest first.
// Parameters: $limit — integer.
// Returns: rows {run} — the node's properties.
MATCH (r:ScoreRun)
RETURN properties(r) AS run
ORDER BY r.startedAt DESC, r.id DESC
LIMIT $limit
