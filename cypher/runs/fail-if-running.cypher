// Records a run failed only if it is still running, so a run that finished meanwhile keeps its
// outcome (compare-and-set in one statement).
// Parameters: $id — run id; $finishedAt — ISO instant; $failureReason — text.
// Returns: one row {id} when the run was failed, none when it is missing or no longer running.
MATCH (r:ScoreRun {id: $id})
WHERE r.status = 'running'
SET r.status = 'failed', r.finishedAt = $finishedAt, r.failureReason = $failureReason
RETURN r.id AS id
