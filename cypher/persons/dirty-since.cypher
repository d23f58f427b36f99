// Seqs of persons whose record, events or edges changed at or after $at: persons, events and
// FRIEND/PAID edges each carry updatedAt (an ISO instant, so string order is time order) when
// created or changed, and an edge counts for both its persons; the seq of a person erased at or
// after $at counts too (its erasure record keeps it). Each part seeks its own index
// (person_updated, event_updated, friend_updated, paid_updated), by hint: after a first load by
// neo4j-admin the planner's statistics led it to scan every person and expand every edge instead
// (21 s at 1M persons against 0.2 s; test/integration/dirty-since-plan.test.ts checks the plan).
// A seq is `links` when its links may have changed too: a FRIEND or PAID edge of theirs changed,
// the person node itself was marked (their record, which trust is made of, or an erasure among
// their contacts) or they were erased; `links` is false when only their events changed, and an
// incremental run then reads their events again but not their edges.
// Parameters: $at — ISO instant.
// Returns: rows {seq, links} in seq order, each seq once.
CALL () {
  MATCH (p:Person) USING INDEX p:Person(updatedAt) WHERE p.updatedAt >= $at
  RETURN p.seq AS seq, true AS links
  UNION
  MATCH (p:Person)-[:HAS_EVENT]->(e:Event) USING INDEX e:Event(updatedAt) WHERE e.updatedAt >= $at
  RETURN p.seq AS seq, false AS links
  UNION
  MATCH (a:Person)-[f:FRIEND]->(b:Person) USING INDEX f:FRIEND(updatedAt) WHERE f.updatedAt >= $at
  UNWIND [a.seq, b.seq] AS seq
  RETURN seq, true AS links
  UNION
  MATCH (a:Person)-[t:PAID]->(b:Person) USING INDEX t:PAID(updatedAt) WHERE t.updatedAt >= $at
  UNWIND [a.seq, b.seq] AS seq
  RETURN seq, true AS links
  UNION
  MATCH (r:ErasureRecord) WHERE r.updatedAt >= $at
  RETURN r.seq AS seq, true AS links
}
WITH seq, collect(links) AS marks
RETURN seq, true IN marks AS links
ORDER BY seq
