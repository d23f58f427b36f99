// Sets the dispute status of one event; when it changes, its person's updatedAt becomes $now
// (a status change is a change for the incremental run).
// Parameters: $id — event id; $status — 'active' | 'disputed' | 'removed'; $now — ISO instant.
// Returns: one row {changed} when the event exists, none otherwise.
MATCH (e:Event {id: $id})
OPTIONAL MATCH (p:Person)-[:HAS_EVENT]->(e)
WITH e, p, e.status <> $status AS changed
SET e.status = $status
FOREACH (_ IN CASE WHEN changed AND p IS NOT NULL THEN [1] ELSE [] END | SET p.updatedAt = $now)
RETURN changed
