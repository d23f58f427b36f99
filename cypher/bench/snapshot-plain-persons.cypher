// Benchmark baseline only (bench/snapshot-read.ts): the plainest read of what SNAPSHOT reads of
// the persons — each person's seq, id and scoring attributes, one row per person, no order.
// Parameters: none. Returns: rows of plain values.
MATCH (p:Person)
RETURN p.seq, p.id, p.verified, p.accountCreated, p.incomeMonthly, p.debtMonthly, p.assets,
       p.billsOnTimeRatio, p.activityRegularity, p.addressChanges, p.birthYear, p.sex
