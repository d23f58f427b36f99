// Takes up to $limit scores stored the old way, one (:Score) node per run and person (before
// score blocks): deletes them and returns their properties, for the caller to write into score
// blocks in the same transaction (src/store/neo4j/score-node-migration.ts).
// Parameters: $limit — integer.
// Returns: rows {score} — the deleted node's properties {runId, personId, seq, score, band,
//   history, behaviour, capacity, identity, network, reasonCodes (JSON), modelVersion}.
MATCH (s:Score)
WITH s LIMIT $limit
WITH s, properties(s) AS score
DELETE s
RETURN score
