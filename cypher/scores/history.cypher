// One person's scores across runs, newest run first (by the run's start time, then id).
// Parameters: $personId — the person's id.
// Returns: rows {score} — Score node properties.
MATCH (s:Score {personId: $personId})
OPTIONAL MATCH (r:ScoreRun {id: s.runId})
RETURN properties(s) AS score
ORDER BY r.startedAt DESC, s.runId DESC
