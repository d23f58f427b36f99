// Writes one run's scores block by block (src/store/neo4j/score-blocks.ts): for each block, the
// stored entries the write replaces go — with bySeq, those of the seqs it brings (a merge, person
// by person); otherwise those with a seq in [fromSeq, toSeq) (a full run's chunk, whatever an
// earlier write of the range left) — and the new entries are appended; a block left empty is
// deleted. An entry whose person is no longer stored is skipped: a recompute that read a person
// just before their erasure must not write a score for them after it. The persons stored in the
// block's seq range are found with one range seek on person_seq (a seq is never handed out
// twice, so a stored seq is the same person); when the new seqs are exactly those, as in a full
// run's chunk, no entry needs checking one by one.
// Parameters: $runId — string; $blockSize — SCORE_BLOCK_SIZE (integer); $blocks — list of
//   {block (integer), bySeq (boolean), fromSeq, toSeq (integers), seqs (ascending), score
//   (floats), band, entries (JSON strings)}, the lists of a block all of the same length,
//   blocks in ascending order (so that writers of neighbouring ranges lock them in one order).
// Returns: nothing.
UNWIND $blocks AS nb
WITH nb, COLLECT {
  MATCH (p:Person)
  WHERE toInteger(nb.block) * $blockSize <= p.seq < (toInteger(nb.block) + 1) * $blockSize
  RETURN p.seq ORDER BY p.seq
} AS persons
WITH nb, CASE WHEN persons = nb.seqs THEN range(0, size(nb.seqs) - 1)
              ELSE [k IN range(0, size(nb.seqs) - 1) WHERE nb.seqs[k] IN persons] END AS live
MERGE (b:ScoreBlock {runId: $runId, block: toInteger(nb.block)})
// A node's list property is read in full each time it is named, so each is named once.
WITH b, nb, live, coalesce(b.seqs, []) AS seqs, b.score AS score, b.band AS band, b.entries AS entries
WITH b, nb, live, seqs, score, band, entries,
     [k IN range(0, size(seqs) - 1)
      WHERE CASE WHEN nb.bySeq THEN NOT seqs[k] IN nb.seqs ELSE NOT (nb.fromSeq <= seqs[k] < nb.toSeq) END] AS kept
SET b.seqs = [k IN kept | seqs[k]] + [k IN live | toInteger(nb.seqs[k])],
    b.score = [k IN kept | score[k]] + [k IN live | toFloat(nb.score[k])],
    b.band = [k IN kept | band[k]] + [k IN live | nb.band[k]],
    b.entries = [k IN kept | entries[k]] + [k IN live | nb.entries[k]]
WITH b, size(kept) + size(live) AS stored
WHERE stored = 0
DELETE b
