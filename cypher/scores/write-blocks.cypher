// Writes one run's scores block by block (src/store/neo4j/score-blocks.ts): for each block, the
// stored entries the write replaces go — with bySeq, those of the seqs it brings (a merge, person
// by person); otherwise those with a seq in [fromSeq, toSeq) (a full run's chunk, whatever an
// earlier write of the range left) — and the new entries are appended; a block left empty is
// deleted. An entry whose person is no longer stored is skipped: a recompute that read a person
// just before their erasure must not write a score for them after it. A seq is never handed out
// twice, so a stored seq is the same person: a range write finds the persons of the block with one
// range seek on person_seq (when the new seqs are exactly those, as in a full run's chunk, no entry
// is checked one by one), a merge seeks its own few seqs. A run's blocks span its block size
// (src/store/neo4j/score-blocks.ts); this statement needs only their numbers and ranges.
// Parameters: $runId — string; $blocks — list of {block (integer, in the run's block size),
//   bySeq (boolean), fromSeq, toSeq (integers, the range clipped to the block), locks (integers,
//   ascending), seqs (ascending), score (floats), band, entries (JSON strings)}, the lists of
//   seqs, score, band and entries all of the same length, blocks in ascending order (so that
//   writers of neighbouring ranges lock them in one order).
// Returns: rows {skipped} — per block, the seqs of its new entries not written (their persons
//   are no longer stored), ascending; the blocks in the order given.
UNWIND $blocks AS nb
// The locks of the seqs written (of the range replaced), shared by every run and block size,
// are taken before anything is read (setting a property takes the node's write lock): an erasure
// (privacy/erase-person) takes its person's, so a write that began before it is in the blocks it
// reads, and one that waited for it sees the person gone.
CALL (nb) {
  UNWIND nb.locks AS l
  MERGE (lock:ScoreBlockLock {block: toInteger(l)})
  SET lock.block = toInteger(l)
}
// Then the block's own write lock, before its lists are read: another writer of the block (a
// neighbouring chunk of the run) or an erasure of another of its persons changes them only
// before or after this write, never between its read and its write.
MERGE (b:ScoreBlock {runId: $runId, block: toInteger(nb.block)})
SET b.runId = $runId
WITH b, nb, CASE WHEN nb.bySeq THEN 0 ELSE toInteger(nb.fromSeq) END AS from,
     CASE WHEN nb.bySeq THEN 0 ELSE toInteger(nb.toSeq) END AS to
WITH b, nb,
     COLLECT { MATCH (p:Person) WHERE from <= p.seq < to RETURN p.seq ORDER BY p.seq } AS inRange,
     COLLECT {
       UNWIND CASE WHEN nb.bySeq THEN nb.seqs ELSE [] END AS seq
       MATCH (p:Person {seq: toInteger(seq)})
       RETURN p.seq
     } AS listed
WITH b, nb, CASE WHEN inRange = nb.seqs THEN range(0, size(nb.seqs) - 1)
                 ELSE [k IN range(0, size(nb.seqs) - 1) WHERE nb.seqs[k] IN inRange OR nb.seqs[k] IN listed] END AS live
// A node's list property is read in full each time it is named, so each is named once.
WITH b, nb, live, coalesce(b.seqs, []) AS seqs, b.score AS score, b.band AS band, b.entries AS entries
WITH b, nb, live, seqs, score, band, entries,
     [k IN range(0, size(seqs) - 1)
      WHERE CASE WHEN nb.bySeq THEN NOT seqs[k] IN nb.seqs ELSE NOT (nb.fromSeq <= seqs[k] < nb.toSeq) END] AS kept
SET b.seqs = [k IN kept | seqs[k]] + [k IN live | toInteger(nb.seqs[k])],
    b.score = [k IN kept | score[k]] + [k IN live | toFloat(nb.score[k])],
    b.band = [k IN kept | band[k]] + [k IN live | nb.band[k]],
    b.entries = [k IN kept | entries[k]] + [k IN live | nb.entries[k]]
WITH b, nb, size(kept) + size(live) AS stored,
     CASE WHEN size(live) = size(nb.seqs) THEN [] ELSE [k IN range(0, size(nb.seqs) - 1) WHERE NOT k IN live | toInteger(nb.seqs[k])] END AS skipped
FOREACH (_ IN CASE WHEN stored = 0 THEN [1] ELSE [] END | DELETE b)
RETURN skipped
