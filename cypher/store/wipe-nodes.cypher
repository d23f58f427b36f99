// Test helper: deletes up to $limit nodes of any label (called until it returns 0).
// Parameters: $limit — integer.
// Returns: one row {deleted}.
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
