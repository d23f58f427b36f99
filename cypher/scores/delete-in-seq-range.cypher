// Deletes up to $limit scores of one run with seq in [$fromSeq, $toSeq) (one range seek on
// score_run_seq); called until it returns 0, before scores/create-columns writes the range anew.
// Parameters: $runId — run id; $fromSeq, $toSeq, $limit — integers.
// Returns: one row {deleted}.
MATCH (s:Score)
WHERE s.runId = $runId AND s.seq >= $fromSeq AND s.seq < $toSeq
WITH s LIMIT $limit
DELETE s
RETURN count(*) AS deleted
