// Which of tiescore's own Neo4j procedures (dev/neo4j, dev.tiescore.procedures; installed like
// any plugin) this server has: SNAPSHOT reads the contact edges through them when they are there
// and through plain Cypher when they are not.
// Parameters: none.
// Returns: one row {names} — the procedure names starting with "tiescore.".
SHOW PROCEDURES YIELD name
WHERE name STARTS WITH 'tiescore.'
RETURN collect(name) AS names
