// The marker of a tiescore test database: one node written by the test set-up
// (cypher/test/mark-test-database) when it creates the test Neo4j, and by nothing else. Wipes
// refuse a database without it.
// Parameters: none.
// Returns: one row {createdAt} per marker (none on any other database).
MATCH (marker:TiescoreTestDatabase)
RETURN marker.createdAt AS createdAt
