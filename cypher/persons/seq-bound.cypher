// One more than the largest seq handed out: the person counter's next value (0 when absent).
// Parameters: none.
// Returns: one row {bound}.
OPTIONAL MATCH (counter:Counter {name: 'person'})
RETURN coalesce(counter.next, 0) AS bound
