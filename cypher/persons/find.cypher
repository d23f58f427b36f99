// The analysts' person search: the next $scan persons in id order after $after whose id starts
// with $prefix (one range seek on the person_id constraint's index, read in index order, so the
// statement stops after $scan persons however selective the filters), each with their score as
// the run serves it (the first run of $lineage, newest first, that scored them: point seeks on
// score_block_key), and those passing the filters.
// Parameters: $lineage — list of run ids, newest first; $prefix — id prefix ('' for all);
//   $after — only ids greater than this ('' from the start); $scan — persons read at most;
//   $take — matches returned at most (the page's limit + 1); $bands — list of band ids or null
//   for any; $minScore, $maxScore — served score bounds, inclusive; $verified — true, false (not
//   known to be verified) or null for both; $blockSize — SCORE_BLOCK_SIZE (integer), the block
//   size of a lineage run whose node names none (each run's own is its node's blockSize,
//   src/store/neo4j/score-blocks.ts).
// Returns: one row {scanned, lastId, matches} — scanned: persons read; lastId: the last id read
//   (null when none); matches: up to $take maps {personId, seq, verified, score, band}, by id.
WITH [id IN $lineage | coalesce(COLLECT { MATCH (lr:ScoreRun {id: id}) RETURN lr.blockSize }[0], $blockSize)] AS sizes
MATCH (p:Person)
WHERE p.id STARTS WITH $prefix AND p.id > $after
WITH sizes, p
ORDER BY p.id
LIMIT $scan
WITH p, COLLECT {
  UNWIND range(0, size($lineage) - 1) AS i
  MATCH (b:ScoreBlock {runId: $lineage[i], block: p.seq / sizes[i]})
  WITH i, b, b.seqs AS seqs
  UNWIND [j IN range(0, size(seqs) - 1) WHERE seqs[j] = p.seq] AS j
  WITH i, b, j ORDER BY i LIMIT 1
  RETURN {score: b.score[j], band: b.band[j]}
}[0] AS s
WITH collect({p: p, s: s}) AS window
RETURN size(window) AS scanned,
       window[-1].p.id AS lastId,
       [w IN window
        WHERE w.s IS NOT NULL AND $minScore <= w.s.score <= $maxScore
          AND ($bands IS NULL OR w.s.band IN $bands)
          AND ($verified IS NULL OR coalesce(w.p.verified, false) = $verified)
        | {personId: w.p.id, seq: w.p.seq, verified: w.p.verified, score: w.s.score, band: w.s.band}][0..$take] AS matches
