// How many scores one run wrote itself (a seek on the score_key constraint's index).
// Parameters: $runId — run id.
// Returns: one row {count}.
MATCH (s:Score)
WHERE s.runId = $runId AND s.personId IS NOT NULL
RETURN count(s) AS count
