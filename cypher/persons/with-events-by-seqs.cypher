// Persons with the given seqs (unknown seqs are skipped), in seq order, each with their credit
// events: the records an incremental run reads for its dirty persons and targets, as lists of
// values in one row per person, like persons/with-events-by-seq for a range (point seeks on the
// person_seq constraint). At 1M persons, 1,000 scattered persons and their 6,000 events took
// 35–53 ms this way against 57–150 ms for their events alone as a row and a map per event
// (BENCHMARKS.md, session 20).
// Parameters: $seqs — list of integers.
// Returns: rows {person, events} as persons/with-events-by-seq returns them.
UNWIND $seqs AS seq
MATCH (p:Person {seq: seq})
RETURN [p.seq, p.id, p.verified, p.accountCreated, p.incomeMonthly, p.debtMonthly, p.assets,
        p.billsOnTimeRatio, p.activityRegularity, p.addressChanges, p.birthYear, p.sex] AS person,
       [(p)-[:HAS_EVENT]->(e:Event) | [e.id, e.kind, e.at, e.amount, e.source, e.status, e.until]] AS events
ORDER BY seq
