// Benchmark baseline only (bench/snapshot-read.ts): the plainest read of every FRIEND edge as
// seqs with its attributes, one row per edge, no order.
// Parameters: none. Returns: rows of plain values.
MATCH (a:Person)-[f:FRIEND]->(b:Person)
RETURN a.seq, b.seq, f.since, f.interactions
