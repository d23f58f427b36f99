// Sets the dispute status of one event; when it changes, the event's updatedAt becomes $now
// (a status change is a change for the incremental run; persons/dirty-since reads it).
// Parameters: $id — event id; $status — 'active' | 'disputed' | 'removed'; $now — ISO instant.
// Returns: one row {changed} when the event exists, none otherwise.
MATCH (e:Event {id: $id})
WITH e, e.status <> $status AS changed
SET e.status = $status
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET e.updatedAt = $now)
RETURN changed
