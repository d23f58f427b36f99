// Inserts or replaces observed outcomes, one (:Outcome {personId, defaulted, updatedAt}) node per
// person. Outcomes are never a score input, so they do not mark the person dirty; instead, when
// anything changed, the (:Counter {name: 'outcomes-revision'}) is incremented (outcomes/revision).
// Rows whose person does not exist are skipped (the importer checks them first).
// Parameters: $rows — list of {personId, defaulted (boolean)}, person ids distinct within $rows;
//   $now — ISO instant.
// Returns: one row {created, updated, unchanged}.
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
OPTIONAL MATCH (old:Outcome {personId: row.personId})
WITH row, CASE WHEN old IS NULL THEN 'created' WHEN old.defaulted = row.defaulted THEN 'unchanged' ELSE 'updated' END AS change
MERGE (o:Outcome {personId: row.personId})
SET o.defaulted = row.defaulted,
    o.updatedAt = CASE WHEN change = 'unchanged' THEN o.updatedAt ELSE $now END
WITH collect(change) AS changes
CALL (changes) {
  WITH * WHERE any(change IN changes WHERE change <> 'unchanged')
  MERGE (c:Counter {name: 'outcomes-revision'})
  SET c.value = coalesce(c.value, 0) + 1
}
RETURN size([change IN changes WHERE change = 'created']) AS created,
       size([change IN changes WHERE change = 'updated']) AS updated,
       size([change IN changes WHERE change = 'unchanged']) AS unchanged
