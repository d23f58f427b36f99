// Deletes up to $limit access-log entries made before $before (uses the access_log_at index).
// Run until it deletes nothing.
// Parameters: $before — ISO instant; $limit — integer.
// Returns: one row {deleted}.
MATCH (a:AccessLog)
WHERE a.at < $before
WITH a
LIMIT $limit
DETACH DELETE a
RETURN count(*) AS deleted
