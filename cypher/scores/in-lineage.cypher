// A person's score as served by a run: from the first run of $lineage (newest first) that
// scored them (a point seek on score_block_key a run; the person's entry found in the block).
// Parameters: $lineage — list of run ids, newest first; $personId — the person's id;
//   $blockSize — SCORE_BLOCK_SIZE (integer), the block size of a lineage run whose node names none
//   (each run's own is its node's blockSize, src/store/neo4j/score-blocks.ts).
// Returns: zero or one row {score} — {runId, seq, entry} (entry: the score as JSON).
WITH [id IN $lineage | coalesce(COLLECT { MATCH (lr:ScoreRun {id: id}) RETURN lr.blockSize }[0], $blockSize)] AS sizes
MATCH (p:Person {id: $personId})
UNWIND range(0, size($lineage) - 1) AS i
MATCH (b:ScoreBlock {runId: $lineage[i], block: p.seq / sizes[i]})
WITH i, b, b.seqs AS seqs, p.seq AS seq
UNWIND [k IN range(0, size(seqs) - 1) WHERE seqs[k] = seq] AS k
WITH i, b, seq, k
ORDER BY i
LIMIT 1
RETURN {runId: b.runId, seq: seq, entry: b.entries[k]} AS score
