// One person's scores across the stored runs, newest run first (by the run's start time, then
// id); scores left behind by a deleted run are not listed.
// Parameters: $personId — the person's id; $blockSize — SCORE_BLOCK_SIZE (integer).
// Returns: rows {score} — {runId, seq, entry} (entry: the score as JSON).
MATCH (p:Person {id: $personId})
MATCH (b:ScoreBlock {block: p.seq / $blockSize})
WITH b, b.seqs AS seqs, p.seq AS seq
UNWIND [k IN range(0, size(seqs) - 1) WHERE seqs[k] = seq] AS k
MATCH (r:ScoreRun {id: b.runId})
RETURN {runId: b.runId, seq: seq, entry: b.entries[k]} AS score
ORDER BY r.startedAt DESC, r.id DESC
