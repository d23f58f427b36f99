// Scores of the persons with seq in [$fromSeq, $toSeq) as served by a run: for each seq, from
// the first run of $lineage (newest first) that scored it (range seeks on score_block_key).
// Parameters: $lineage — list of run ids, newest first; $fromSeq, $toSeq — integers;
//   $blockSize — SCORE_BLOCK_SIZE (integer), the block size of a lineage run whose node names none
//   (each run's own is its node's blockSize, src/store/neo4j/score-blocks.ts).
// Returns: rows {score} — {runId, seq, entry} (entry: the score as JSON), in seq order.
WITH [id IN $lineage | coalesce(COLLECT { MATCH (lr:ScoreRun {id: id}) RETURN lr.blockSize }[0], $blockSize)] AS sizes
UNWIND range(0, size($lineage) - 1) AS i
MATCH (b:ScoreBlock)
WHERE b.runId = $lineage[i] AND $fromSeq / sizes[i] <= b.block <= ($toSeq - 1) / sizes[i]
WITH i, b.runId AS runId, b.seqs AS seqs, b.entries AS entries
UNWIND range(0, size(seqs) - 1) AS k
WITH i, runId, seqs[k] AS seq, entries, k
WHERE $fromSeq <= seq < $toSeq
WITH seq, i, runId, entries, k
ORDER BY seq, i
WITH seq, collect({runId: runId, entries: entries, k: k})[0] AS first
RETURN {runId: first.runId, seq: seq, entry: first.entries[first.k]} AS score
ORDER BY seq
