// Test helper: deletes up to $limit nodes of any label but the test-database marker (called until
// it returns 0). It deletes nothing on a database without the marker (store/test-database-marker):
// only a Neo4j the tests started themselves is ever emptied.
// Parameters: $limit — integer.
// Returns: one row {deleted}.
OPTIONAL MATCH (marker:TiescoreTestDatabase)
WITH count(marker) AS marked
MATCH (n)
WHERE marked > 0 AND NOT n:TiescoreTestDatabase
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
