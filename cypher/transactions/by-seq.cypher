// The transaction aggregates paid by persons with seq in [$fromSeq, $toSeq), ends as seqs.
// A scan over consecutive seq ranges visits every PAID edge exactly once (at its payer).
// The index hint keeps this a seq range seek even while the statistics say the graph is small.
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {from, to, count, amount, lastAt}.
MATCH (p:Person)
USING INDEX p:Person(seq)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
MATCH (p)-[t:PAID]->(q:Person)
RETURN p.seq AS from, q.seq AS to, t.count AS count, t.amount AS amount, t.lastAt AS lastAt
