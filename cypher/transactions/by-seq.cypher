// The transaction aggregates paid by persons with seq in [$fromSeq, $toSeq), ends as seqs.
// A scan over consecutive seq ranges visits every PAID edge exactly once (at its payer).
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {from, to, count, amount, lastAt}.
MATCH (p:Person)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
MATCH (p)-[t:PAID]->(q:Person)
RETURN p.seq AS from, q.seq AS to, t.count AS count, t.amount AS amount, t.lastAt AS lastAt
