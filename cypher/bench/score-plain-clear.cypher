// Benchmark baseline only (bench/snapshot-read.ts --mode score): removes the baseline's property.
// Parameters: none. Returns: nothing.
MATCH (p:Person) WHERE p.benchValue IS NOT NULL
CALL (p) { REMOVE p.benchValue } IN TRANSACTIONS OF 50000 ROWS
