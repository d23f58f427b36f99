// Seqs of persons whose record, events or edges changed at or after $at (Person.updatedAt is
// an ISO instant, so string order is time order; uses the person_updated index).
// Parameters: $at — ISO instant.
// Returns: rows {seq} in seq order.
MATCH (p:Person)
WHERE p.updatedAt >= $at
RETURN p.seq AS seq
ORDER BY seq
