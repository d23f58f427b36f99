// One person's scores across the stored runs, newest run first (by the run's start time, then
// id); scores left behind by a deleted run are not listed.
// Parameters: $personId — the person's id.
// Returns: rows {score} — Score node properties.
MATCH (s:Score {personId: $personId})
MATCH (r:ScoreRun {id: s.runId})
RETURN properties(s) AS score
ORDER BY r.startedAt DESC, r.id DESC
