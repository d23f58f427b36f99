// Deletes up to $limit score blocks of one run (called until it returns 0, one transaction each).
// Parameters: $runId — run id; $limit — integer.
// Returns: one row {deleted}.
MATCH (b:ScoreBlock)
WHERE b.runId = $runId AND b.block IS NOT NULL
WITH b LIMIT $limit
DELETE b
RETURN count(*) AS deleted
