// Persons with seq in [$fromSeq, $toSeq), in seq order, each with their credit events: the
// batch read of SNAPSHOT and SCORE. One row per person, the person and the events as lists of
// values, instead of one row per event (events/by-seq) and a property map per person: about a
// quarter of the rows and no map to decode, which is most of the decoding time in the driver
// (bench/snapshot-read.ts: lists instead of `properties(p)` halved the driver's CPU time).
// Parameters: $fromSeq, $toSeq — integers.
// Returns: rows {person, events} — person: [seq, id, verified, accountCreated, incomeMonthly,
//   debtMonthly, assets, billsOnTimeRatio, activityRegularity, addressChanges, birthYear, sex]
//   (null for an absent attribute); events: the person's events as lists [id, kind, at, amount,
//   source, status, until] (until null when absent), in no particular order.
MATCH (p:Person)
WHERE p.seq >= $fromSeq AND p.seq < $toSeq
RETURN [p.seq, p.id, p.verified, p.accountCreated, p.incomeMonthly, p.debtMonthly, p.assets,
        p.billsOnTimeRatio, p.activityRegularity, p.addressChanges, p.birthYear, p.sex] AS person,
       [(p)-[:HAS_EVENT]->(e:Event) | [e.id, e.kind, e.at, e.amount, e.source, e.status, e.until]] AS events
ORDER BY p.seq
