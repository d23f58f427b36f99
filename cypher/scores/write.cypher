// Writes (or overwrites) staged scores, one Score node per (runId, personId).
// Parameters: $rows — list of {runId, personId, seq, score, band, history, behaviour, capacity,
//   identity, network, reasonCodes (JSON string), modelVersion}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (s:Score {runId: row.runId, personId: row.personId})
SET s = row {.*, seq: toInteger(row.seq)}
