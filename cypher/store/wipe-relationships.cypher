// Test helper: deletes up to $limit relationships of any type (called until it returns 0). It
// deletes nothing on a database without the test-database marker (store/test-database-marker).
// Parameters: $limit — integer.
// Returns: one row {deleted}.
OPTIONAL MATCH (marker:TiescoreTestDatabase)
WITH count(marker) AS marked
MATCH ()-[r]->()
WHERE marked > 0
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
