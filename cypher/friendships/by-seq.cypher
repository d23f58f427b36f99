// The friendships stored on persons with seq in [$fromSeq, $toSeq) — each edge once, at its
// start (smaller-id) end — with both ends as seqs. A scan over consecutive seq ranges visits
// every friendship exactly once without holding them all. One row per start person with its
// edges as lists: far fewer rows to decode than one per edge.
// The index hint keeps this a seq range seek even while the statistics say the graph is small.
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {a, edges} — a: the start person's seq; edges: list of [b, since, interactions].
MATCH (p:Person)
USING INDEX p:Person(seq)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
RETURN p.seq AS a, [(p)-[f:FRIEND]->(q:Person) | [q.seq, f.since, f.interactions]] AS edges
