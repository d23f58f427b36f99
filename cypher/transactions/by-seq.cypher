// The transaction aggregates paid by persons with seq in [$fromSeq, $toSeq), ends as seqs.
// A scan over consecutive seq ranges visits every PAID edge exactly once (at its payer). One
// row per payer with its edges as lists: far fewer rows to decode than one per edge.
// The index hint keeps this a seq range seek even while the statistics say the graph is small.
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {from, edges} — from: the payer's seq; edges: list of [to, count, amount, lastAt].
MATCH (p:Person)
USING INDEX p:Person(seq)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
RETURN p.seq AS from, [(p)-[t:PAID]->(q:Person) | [q.seq, t.count, t.amount, t.lastAt]] AS edges
