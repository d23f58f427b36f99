// A run's block size (src/store/neo4j/score-blocks.ts): the one its node names, or $proposed when
// it names none yet, then stored. The node's write lock is taken (by setting its id) before the
// size is read, so writers of the run's first chunks that propose different sizes agree on the
// first one stored.
// Parameters: $id — the run id; $proposed — integer, one of BLOCK_SIZES.
// Returns: one row {blockSize} (integer), none when no run has the id.
MATCH (r:ScoreRun {id: $id})
SET r.id = $id
WITH r
SET r.blockSize = coalesce(r.blockSize, $proposed)
RETURN r.blockSize AS blockSize
