// Deletes up to $limit credit events dated before $before (past the model's retention window;
// uses the event_at index) and marks their persons changed (updatedAt = $now) for the next
// incremental run. Run until it deletes nothing.
// Parameters: $before — YYYY-MM-DD; $limit — integer; $now — ISO instant.
// Returns: one row {deleted, persons}.
MATCH (e:Event)
WHERE e.at < $before
WITH e
LIMIT $limit
OPTIONAL MATCH (p:Person)-[:HAS_EVENT]->(e)
SET p.updatedAt = $now
DETACH DELETE e
RETURN count(*) AS deleted, count(DISTINCT p) AS persons
