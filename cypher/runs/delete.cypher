// Deletes a run node unless it is the published one. The publication pointer is written (locked)
// first, so a concurrent publishRun cannot point at the run while it is being deleted. Its
// scores are deleted afterwards, in batches, by scores/delete-batch.
// Parameters: $id — run id.
// Returns: one row {published} — true when the run is the published one (then nothing is deleted).
MERGE (pub:Publication {name: 'current'})
SET pub.locked = true
REMOVE pub.locked
WITH pub, pub.runId = $id AS published
OPTIONAL MATCH (r:ScoreRun {id: $id})
CALL (r, published) {
  WITH r WHERE r IS NOT NULL AND NOT coalesce(published, false)
  DETACH DELETE r
}
RETURN coalesce(published, false) AS published
