// Writes (or overwrites) staged scores, one Score node per (runId, personId). Properties are set
// one by one (not with a map) so the planner needs no Eager between the merge and the writes.
// A row whose person is no longer stored is skipped: a recompute that read a person just before
// their erasure must not write a score for them after it (one index seek a row).
// Parameters: $rows — list of {runId, personId, seq, score, band, history, behaviour, capacity,
//   identity, network, reasonCodes (JSON string), modelVersion}.
// Returns: nothing.
UNWIND $rows AS row
WITH row
WHERE EXISTS { MATCH (:Person {id: row.personId}) }
MERGE (s:Score {runId: row.runId, personId: row.personId})
SET s.seq = toInteger(row.seq),
    s.score = row.score,
    s.band = row.band,
    s.history = row.history,
    s.behaviour = row.behaviour,
    s.capacity = row.capacity,
    s.identity = row.identity,
    s.network = row.network,
    s.reasonCodes = row.reasonCodes,
    s.modelVersion = row.modelVersion
