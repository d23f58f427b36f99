// Creates the Score nodes of one run's persons from one column per property (row i is the i-th
// item of every list): the write of a full run's chunk, after scores/delete-in-seq-range emptied
// its range. CREATE writes a fresh node's properties at once; a MERGE on the key then a SET per
// property, and a map per row, cost about 1.35–1.5x as long (bench/snapshot-read.ts --mode score).
// A row whose person is no longer stored is skipped: a recompute that read a person just before
// their erasure must not write a score for them after it (one index seek a row).
// Parameters: $runId — string; $personId, $band, $reasonCodes (JSON strings), $modelVersion —
//   lists of strings; $seq — list of integers; $score, $history, $behaviour, $capacity,
//   $identity, $network — lists of floats; all lists of the same length, one row per person.
// Returns: nothing.
UNWIND range(0, size($personId) - 1) AS i
WITH i
WHERE EXISTS { MATCH (:Person {id: $personId[i]}) }
CREATE (:Score {
  runId: $runId,
  personId: $personId[i],
  seq: $seq[i],
  score: $score[i],
  band: $band[i],
  history: $history[i],
  behaviour: $behaviour[i],
  capacity: $capacity[i],
  identity: $identity[i],
  network: $network[i],
  reasonCodes: $reasonCodes[i],
  modelVersion: $modelVersion[i]
})
