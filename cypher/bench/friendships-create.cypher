// Benchmark baseline only (bench/import.ts): the plainest possible friendship load — CREATE, no
// MERGE, no change detection, no dirty marks. Not idempotent; never used by tiescore itself.
// Parameters: $rows — list of {a, b}. Returns: one row {created}.
UNWIND $rows AS row
MATCH (a:Person {id: row.a})
MATCH (b:Person {id: row.b})
CREATE (a)-[:BASELINE_FRIEND]->(b)
RETURN count(*) AS created
