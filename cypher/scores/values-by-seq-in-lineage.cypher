// The score numbers of the blocks of $lineage that hold seqs in [$fromSeq, $toSeq): the block's
// `seqs` and `score` lists only, never its entries (range seeks on score_block_key). The caller
// keeps, for each seq, the number of the first run of the lineage that scored it, and drops seqs
// outside the range (src/store/neo4j/score-blocks.ts, servedValues).
// Parameters: $lineage — list of run ids, newest first; $fromSeq, $toSeq — integers;
//   $blockSize — SCORE_BLOCK_SIZE (integer).
// Returns: rows {i (the run's place in $lineage), seqs, score}.
UNWIND range(0, size($lineage) - 1) AS i
MATCH (b:ScoreBlock)
WHERE b.runId = $lineage[i] AND $fromSeq / $blockSize <= b.block <= ($toSeq - 1) / $blockSize
RETURN i, b.seqs AS seqs, b.score AS score
