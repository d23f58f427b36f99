// Test helper: deletes up to $limit relationships of any type (called until it returns 0).
// Parameters: $limit — integer.
// Returns: one row {deleted}.
MATCH ()-[r]->()
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
