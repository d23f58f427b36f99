// Ids of the persons with seq in [$fromSeq, $toSeq), in seq order: what a SCORE chunk reads when
// the run's SNAPSHOT already scored their records (a range seek on the person_seq constraint).
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {seq, id}.
MATCH (p:Person)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
RETURN p.seq AS seq, p.id AS id
ORDER BY p.seq
