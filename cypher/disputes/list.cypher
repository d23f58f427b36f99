// Disputes, all or those with one status, oldest first.
// Parameters: $status — 'open' | 'upheld' | 'rejected', or null for all.
// Returns: rows {dispute} — node properties.
MATCH (d:Dispute)
WHERE $status IS NULL OR d.status = $status
RETURN properties(d) AS dispute
ORDER BY d.openedAt, d.id
