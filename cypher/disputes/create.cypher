// Creates a dispute (fails on the dispute_id constraint if the id exists).
// Parameters: $dispute — {id, personId, eventId, reason, status, openedAt, resolvedAt?,
//   resolvedBy?, note?}.
// Returns: one row {id}.
CREATE (d:Dispute)
SET d = $dispute
RETURN d.id AS id
