// The score numbers of the blocks of $lineage that hold seqs in [$fromSeq, $toSeq): the block's
// `seqs` and `score` lists only, never its entries (range seeks on score_block_key). The caller
// keeps, for each seq, the number of the first run of the lineage that scored it, and drops seqs
// outside the range (src/store/neo4j/score-blocks.ts, servedValues).
// Parameters: $lineage — list of run ids, newest first; $fromSeq, $toSeq — integers;
//   $blockSize — SCORE_BLOCK_SIZE (integer), the block size of a lineage run whose node names none
//   (each run's own is its node's blockSize, src/store/neo4j/score-blocks.ts).
// Returns: rows {i (the run's place in $lineage), seqs, score}.
WITH [id IN $lineage | coalesce(COLLECT { MATCH (lr:ScoreRun {id: id}) RETURN lr.blockSize }[0], $blockSize)] AS sizes
UNWIND range(0, size($lineage) - 1) AS i
MATCH (b:ScoreBlock)
WHERE b.runId = $lineage[i] AND $fromSeq / sizes[i] <= b.block <= ($toSeq - 1) / sizes[i]
RETURN i, b.seqs AS seqs, b.score AS score
