// Scores stored the old way, one (:Score) node per run and person (before score blocks).
// Parameters: $rows — list of {runId, personId, seq (integer), score, band, history, behaviour,
//   capacity, identity, network, reasonCodes (JSON), modelVersion}.
// Returns: nothing.
UNWIND $rows AS row
CREATE (s:Score)
SET s = row
