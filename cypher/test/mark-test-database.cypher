// Test only (test/support/test-neo4j.ts): marks the Neo4j the test set-up has just created, on its
// own port and data directory, as a tiescore test database — the only kind `wipeAll` empties.
// Never used by tiescore itself.
// Parameters: $createdAt — ISO instant.
// Returns: one row {createdAt}.
MERGE (marker:TiescoreTestDatabase {id: 'tiescore-test-database'})
ON CREATE SET marker.createdAt = $createdAt
RETURN marker.createdAt AS createdAt
