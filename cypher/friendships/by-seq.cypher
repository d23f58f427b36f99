// The friendships stored on persons with seq in [$fromSeq, $toSeq) — each edge once, at its
// start (smaller-id) end — with both ends as seqs. A scan over consecutive seq ranges visits
// every friendship exactly once without holding them all.
// The index hint keeps this a seq range seek even while the statistics say the graph is small.
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {a, b, since, interactions}.
MATCH (p:Person)
USING INDEX p:Person(seq)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
MATCH (p)-[f:FRIEND]->(q:Person)
RETURN p.seq AS a, q.seq AS b, f.since AS since, f.interactions AS interactions
