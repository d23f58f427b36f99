// Scores of the persons with seq in [$fromSeq, $toSeq) as served by a run: for each seq, from
// the first run of $lineage (newest first) that scored it (range seeks on score_block_key).
// Parameters: $lineage — list of run ids, newest first; $fromSeq, $toSeq — integers;
//   $blockSize — SCORE_BLOCK_SIZE (integer).
// Returns: rows {score} — {runId, seq, entry} (entry: the score as JSON), in seq order.
UNWIND range(0, size($lineage) - 1) AS i
MATCH (b:ScoreBlock)
WHERE b.runId = $lineage[i] AND $fromSeq / $blockSize <= b.block <= ($toSeq - 1) / $blockSize
WITH i, b.runId AS runId, b.seqs AS seqs, b.entries AS entries
UNWIND range(0, size(seqs) - 1) AS k
WITH i, runId, seqs[k] AS seq, entries, k
WHERE $fromSeq <= seq < $toSeq
WITH seq, i, runId, entries, k
ORDER BY seq, i
WITH seq, collect({runId: runId, entries: entries, k: k})[0] AS first
RETURN {runId: first.runId, seq: seq, entry: first.entries[first.k]} AS score
ORDER BY seq
