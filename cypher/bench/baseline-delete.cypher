// Benchmark baseline only (bench/import.ts): removes the relationships the baseline created.
// Parameters: none. Returns: nothing.
MATCH ()-[r:BASELINE_FRIEND]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS
