// Scores of the persons with the given seqs as served by a run: for each seq, from the first run
// of $lineage (newest first) that scored it (point seeks on score_run_seq).
// Parameters: $lineage — list of run ids, newest first; $seqs — list of integers.
// Returns: rows {score} — Score node properties, in seq order.
UNWIND $seqs AS seq
UNWIND range(0, size($lineage) - 1) AS i
MATCH (s:Score {runId: $lineage[i], seq: seq})
WITH seq, i, s
ORDER BY seq, i
WITH seq, collect(s)[0] AS s
RETURN properties(s) AS score
ORDER BY seq
