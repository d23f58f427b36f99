// One person's scores across the stored runs, newest run first (by the run's start time, then
// id); scores left behind by a deleted run are not listed. Each run's block of the person's seq
// is found whatever the run's block size: the block of the seq in each size a run may have.
// Parameters: $personId — the person's id; $blockSizes — BLOCK_SIZES (integers,
//   src/store/neo4j/score-blocks.ts).
// Returns: rows {score} — {runId, seq, entry} (entry: the score as JSON).
MATCH (p:Person {id: $personId})
UNWIND $blockSizes AS size
MATCH (b:ScoreBlock {block: p.seq / size})
WITH DISTINCT b, p.seq AS seq
WITH b, b.seqs AS seqs, seq
UNWIND [k IN range(0, size(seqs) - 1) WHERE seqs[k] = seq] AS k
MATCH (r:ScoreRun {id: b.runId})
RETURN {runId: b.runId, seq: seq, entry: b.entries[k]} AS score
ORDER BY r.startedAt DESC, r.id DESC
