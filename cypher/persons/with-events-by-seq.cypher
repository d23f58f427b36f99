// Persons with seq in [$fromSeq, $toSeq), in seq order, each with their credit events: the
// batch read of SNAPSHOT and SCORE. One row per person, the events as lists, instead of one row
// per event (events/by-seq): about a quarter of the rows and no per-event property maps, which
// is most of the decoding time in the driver.
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {person, events} — person: the node's properties; events: the person's events
//   as lists [id, kind, at, amount, source, status, until] (until null when absent), in no
//   particular order.
MATCH (p:Person)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
RETURN properties(p) AS person,
       [(p)-[:HAS_EVENT]->(e:Event) | [e.id, e.kind, e.at, e.amount, e.source, e.status, e.until]] AS events
ORDER BY p.seq
