// The disputes a person opened, oldest first (uses the dispute_person index).
// Parameters: $personId — the person's id.
// Returns: rows {dispute} — node properties.
MATCH (d:Dispute {personId: $personId})
RETURN properties(d) AS dispute
ORDER BY d.openedAt, d.id
