// The runs still running (the lost-run reaper's candidates), oldest first.
// Parameters: none.
// Returns: rows {run} — the node's properties.
MATCH (r:ScoreRun {status: 'running'})
RETURN properties(r) AS run
ORDER BY r.startedAt, r.id
