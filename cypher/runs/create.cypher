// Creates a score run (fails on the score_run_id constraint if the id exists).
// Parameters: $run — the run's stored properties {id, kind, status, modelVersion, asOf,
//   startedAt, finishedAt?, publishedAt?, lineage (list of run ids), stats (JSON string),
//   failureReason?}.
// Returns: one row {id}.
CREATE (r:ScoreRun)
SET r = $run
RETURN r.id AS id
