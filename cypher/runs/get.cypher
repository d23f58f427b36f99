// One score run by id.
// Parameters: $id — run id.
// Returns: zero or one row {run} — the node's properties.
MATCH (r:ScoreRun {id: $id})
RETURN properties(r) AS run
