// Benchmark baseline only (bench/snapshot-read.ts): the plainest read of every credit event
// SNAPSHOT reads, one row per event with its person's seq, no order.
// Parameters: none. Returns: rows of plain values.
MATCH (p:Person)-[:HAS_EVENT]->(e:Event)
RETURN p.seq, e.id, e.kind, e.at, e.amount, e.source, e.status, e.until
