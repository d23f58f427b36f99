// Benchmark baseline only (bench/snapshot-read.ts): the plainest read of every PAID edge as
// seqs with its attributes, one row per edge, no order.
// Parameters: none. Returns: rows of plain values.
MATCH (a:Person)-[t:PAID]->(b:Person)
RETURN a.seq, b.seq, t.count, t.amount, t.lastAt
