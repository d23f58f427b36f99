// Scores of the persons with seq in [$fromSeq, $toSeq) as served by a run: for each seq, from
// the first run of $lineage (newest first) that scored it (range seeks on score_run_seq).
// Parameters: $lineage — list of run ids, newest first; $fromSeq, $toSeq — integers.
// Returns: rows {score} — Score node properties, in seq order.
UNWIND range(0, size($lineage) - 1) AS i
MATCH (s:Score)
WHERE s.runId = $lineage[i] AND s.seq >= $fromSeq AND s.seq < $toSeq
WITH s.seq AS seq, i, s
ORDER BY seq, i
WITH seq, collect(s)[0] AS s
RETURN properties(s) AS score
ORDER BY seq
