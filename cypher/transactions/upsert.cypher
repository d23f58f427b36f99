// Inserts or updates a batch of transaction aggregates, one PAID edge per ordered pair
// (from)-[:PAID]->(to), merged on that direction. A created or changed edge gets
// updatedAt = $now (persons/dirty-since reads it; the persons are not written); an identical
// row touches nothing.
// Rows whose persons do not exist are skipped (the importer checks them first).
// Parameters: $rows — list of {from, to, count, amount, lastAt}, pairs distinct within $rows;
//   $now — ISO instant.
// Returns: one row {created, updated, unchanged}.
UNWIND $rows AS row
MATCH (a:Person {id: row.from})
MATCH (b:Person {id: row.to})
MERGE (a)-[t:PAID]->(b)
WITH a, b, t, row,
     CASE
       WHEN t.updatedAt IS NULL THEN 'created'
       WHEN t.count = row.count AND t.amount = row.amount AND t.lastAt = row.lastAt THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  SET t.count = row.count, t.amount = row.amount, t.lastAt = row.lastAt, t.updatedAt = $now)
RETURN count(CASE WHEN outcome = 'created' THEN 1 END) AS created,
       count(CASE WHEN outcome = 'updated' THEN 1 END) AS updated,
       count(CASE WHEN outcome = 'unchanged' THEN 1 END) AS unchanged
