// The analysts' person search among given candidates (a community's members): each id of $ids
// found by a seek on the person_id constraint's index, with their score as the run serves it
// (the first run of $lineage, newest first, that scored them: point seeks on score_block_key), and
// those passing the filters. The caller bounds $ids (ascending, as persons/find reads them).
// Parameters: $lineage — list of run ids, newest first; $ids — list of person ids, ascending;
//   $take — matches returned at most (the page's limit + 1); $bands — list of band ids or null
//   for any; $minScore, $maxScore — served score bounds, inclusive; $verified — true, false (not
//   known to be verified) or null for both; $blockSize — SCORE_BLOCK_SIZE (integer), the block
//   size of a lineage run whose node names none (each run's own is its node's blockSize,
//   src/store/neo4j/score-blocks.ts).
// Returns: rows {personId, seq, verified, score, band}, at most $take, in the order of $ids.
WITH [id IN $lineage | coalesce(COLLECT { MATCH (lr:ScoreRun {id: id}) RETURN lr.blockSize }[0], $blockSize)] AS sizes
UNWIND range(0, size($ids) - 1) AS k
MATCH (p:Person {id: $ids[k]})
WHERE $verified IS NULL OR coalesce(p.verified, false) = $verified
WITH k, p, COLLECT {
  UNWIND range(0, size($lineage) - 1) AS i
  MATCH (b:ScoreBlock {runId: $lineage[i], block: p.seq / sizes[i]})
  WITH i, b, b.seqs AS seqs
  UNWIND [j IN range(0, size(seqs) - 1) WHERE seqs[j] = p.seq] AS j
  WITH i, b, j ORDER BY i LIMIT 1
  RETURN {score: b.score[j], band: b.band[j]}
}[0] AS s
WHERE s IS NOT NULL AND $minScore <= s.score <= $maxScore AND ($bands IS NULL OR s.band IN $bands)
RETURN p.id AS personId, p.seq AS seq, p.verified AS verified, s.score AS score, s.band AS band
ORDER BY k
LIMIT $take
