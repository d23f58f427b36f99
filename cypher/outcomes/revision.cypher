// The revision of the stored outcomes: a counter bumped by every outcomes/upsert that changed
// something, and how many outcomes are stored (from the count store: no scan).
// Parameters: none.
// Returns: one row {revision (integer or null), outcomes}.
OPTIONAL MATCH (c:Counter {name: 'outcomes-revision'})
RETURN c.value AS revision, COUNT { (:Outcome) } AS outcomes
