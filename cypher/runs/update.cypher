// Merges a patch into a run: each key of $patch is set, a null value removes the property.
// Parameters: $id — run id; $patch — map of stored properties (stats as a JSON string).
// Returns: one row {id} when the run exists, none otherwise.
MATCH (r:ScoreRun {id: $id})
SET r += $patch
RETURN r.id AS id
