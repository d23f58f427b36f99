// Makes a complete run the served one: moves the single (:Publication {name: 'current'})
// pointer to it and stamps its publishedAt, in this one statement (one transaction), so readers
// see either the old run or the new one. Nothing changes when the run is not complete.
// Parameters: $id — run id; $at — ISO instant.
// Returns: one row {status} when the run exists (its status), none otherwise.
MATCH (r:ScoreRun {id: $id})
CALL (r) {
  WITH r WHERE r.status = 'complete'
  MERGE (pub:Publication {name: 'current'})
  SET pub.runId = r.id, pub.publishedAt = $at, r.publishedAt = $at
}
RETURN r.status AS status
