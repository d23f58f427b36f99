// Records a run complete unless it has failed meanwhile — the run reaper fails a run whose job
// Redis lost, and a failure is final: a processor that finished such a run from memory must not
// complete it, and then publish it (compare-and-set in one statement). A complete run is
// recorded again (a resumed PUBLISH).
// Parameters: $id — run id; $patch — map of stored properties (status 'complete', finishedAt,
//   stats as a JSON string).
// Returns: one row {id} when recorded, none when the run is missing or failed.
MATCH (r:ScoreRun {id: $id})
WHERE r.status <> 'failed'
SET r += $patch
RETURN r.id AS id
