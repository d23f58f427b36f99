// The run the publication pointer designates, if any.
// Parameters: none.
// Returns: zero or one row {run} — the node's properties.
MATCH (pub:Publication {name: 'current'})
MATCH (r:ScoreRun {id: pub.runId})
RETURN properties(r) AS run
