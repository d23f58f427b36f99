// Scores of the persons with the given seqs as served by a run: for each seq, from the first run
// of $lineage (newest first) that scored it (a point seek on score_block_key per block and run).
// Parameters: $lineage — list of run ids, newest first; $seqs — list of integers, ascending;
//   $blockSize — SCORE_BLOCK_SIZE (integer), the block size of a lineage run whose node names none
//   (each run's own is its node's blockSize, src/store/neo4j/score-blocks.ts).
// Returns: rows {score} — {runId, seq, entry} (entry: the score as JSON), in seq order.
WITH [id IN $lineage | coalesce(COLLECT { MATCH (lr:ScoreRun {id: id}) RETURN lr.blockSize }[0], $blockSize)] AS sizes
UNWIND range(0, size($lineage) - 1) AS i
UNWIND $seqs AS seq
WITH i, seq / sizes[i] AS block, collect(seq) AS wanted
MATCH (b:ScoreBlock {runId: $lineage[i], block: block})
WITH i, wanted, b.runId AS runId, b.seqs AS seqs, b.entries AS entries
UNWIND range(0, size(seqs) - 1) AS k
WITH i, runId, seqs[k] AS seq, entries, k, wanted
WHERE seq IN wanted
WITH seq, i, runId, entries, k
ORDER BY seq, i
WITH seq, collect({runId: runId, entries: entries, k: k})[0] AS first
RETURN {runId: first.runId, seq: seq, entry: first.entries[first.k]} AS score
ORDER BY seq
