// Deletes up to $limit scores of one run (called until it returns 0, one transaction each).
// Parameters: $runId — run id; $limit — integer.
// Returns: one row {deleted}.
MATCH (s:Score)
WHERE s.runId = $runId AND s.personId IS NOT NULL
WITH s LIMIT $limit
DELETE s
RETURN count(*) AS deleted
