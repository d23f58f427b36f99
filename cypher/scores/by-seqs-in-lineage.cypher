// Scores of the persons with the given seqs as served by a run: for each seq, from the first run
// of $lineage (newest first) that scored it (a point seek on score_block_key per block and run).
// Parameters: $lineage — list of run ids, newest first; $seqs — list of integers, ascending;
//   $blockSize — SCORE_BLOCK_SIZE (integer).
// Returns: rows {score} — {runId, seq, entry} (entry: the score as JSON), in seq order.
UNWIND $seqs AS seq
WITH seq / $blockSize AS block, collect(seq) AS wanted
UNWIND range(0, size($lineage) - 1) AS i
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
