// Inserts or updates a batch of persons by id. New persons get the next free seqs from the
// (:Counter {name: 'person'}) node, consecutive in batch order; the counter is written (locked)
// before its value is read, so concurrent imports never hand out the same seq. An existing person
// keeps its seq. updatedAt is set to $now only on persons created or changed.
// Parameters: $rows — list of maps, each exactly the person's stored properties
//   {id, verified?, accountCreated?, incomeMonthly?, debtMonthly?, assets?, billsOnTimeRatio?,
//    activityRegularity?, addressChanges?, birthYear?, sex?} (an absent key — an unknown
//    attribute — removes the property);
//   ids are distinct within $rows; $now — ISO instant.
// Returns: one row {created, updated, unchanged}.
MERGE (counter:Counter {name: 'person'})
  ON CREATE SET counter.next = 0
SET counter.locked = true
WITH counter
UNWIND range(0, size($rows) - 1) AS i
WITH counter, i, $rows[i] AS row
MERGE (p:Person {id: row.id})
WITH counter, i, row, p,
     p.seq IS NULL AS isNew,
     coalesce(properties(p) = row {.*, seq: p.seq, updatedAt: p.updatedAt}, false) AS same
ORDER BY i
WITH counter,
     collect(CASE WHEN isNew THEN {p: p, row: row} END) AS fresh,
     collect(CASE WHEN NOT isNew AND NOT same THEN {p: p, row: row} END) AS changed,
     count(*) AS total
WITH counter, fresh, changed, total, counter.next AS base
SET counter.next = base + size(fresh)
REMOVE counter.locked
WITH fresh, changed, total, base
CALL (fresh, base) {
  UNWIND range(0, size(fresh) - 1) AS k
  WITH fresh[k].p AS p, fresh[k].row AS row, base + k AS seq
  SET p = row {.*, seq: seq, updatedAt: $now}
}
CALL (changed) {
  UNWIND changed AS item
  WITH item.p AS p, item.row AS row
  SET p = row {.*, seq: p.seq, updatedAt: $now}
}
RETURN size(fresh) AS created, size(changed) AS updated, total - size(fresh) - size(changed) AS unchanged
