// Waits until every index is online (after schema.cypher created them).
// Parameters: none. Returns: nothing.
CALL db.awaitIndexes(300)
