// How many scores one run wrote.
// Parameters: $runId — run id.
// Returns: one row {count}.
MATCH (b:ScoreBlock)
WHERE b.runId = $runId AND b.block IS NOT NULL
RETURN sum(size(b.seqs)) AS count
