// Benchmark baseline only (bench/snapshot-read.ts --mode score): a plain write of one property
// on persons found by seq, the floor for the SCORE step's writes.
// Parameters: $seqs — list of integers; $values — list of floats, one per seq.
// Returns: nothing.
UNWIND range(0, size($seqs) - 1) AS i
MATCH (p:Person {seq: $seqs[i]})
SET p.benchValue = $values[i]
