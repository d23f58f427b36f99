// Inserts or updates a batch of friendships. Each unordered pair is stored once, from the smaller
// id to the larger (the caller normalises), and merged on that direction. A created or changed
// edge gets updatedAt = $now (persons/dirty-since reads it, so the persons themselves are not
// written: fewer locks and writes in bulk loads); an identical row touches nothing.
// Rows whose persons do not exist are skipped (the importer checks them first).
// Parameters: $rows — list of {a, b, since, interactions} with a < b, pairs distinct within
//   $rows; $now — ISO instant.
// Returns: one row {created, updated, unchanged}.
UNWIND $rows AS row
MATCH (a:Person {id: row.a})
MATCH (b:Person {id: row.b})
MERGE (a)-[f:FRIEND]->(b)
WITH a, b, f, row,
     CASE
       WHEN f.updatedAt IS NULL THEN 'created'
       WHEN f.since = row.since AND f.interactions = row.interactions THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  SET f.since = row.since, f.interactions = row.interactions, f.updatedAt = $now)
RETURN count(CASE WHEN outcome = 'created' THEN 1 END) AS created,
       count(CASE WHEN outcome = 'updated' THEN 1 END) AS updated,
       count(CASE WHEN outcome = 'unchanged' THEN 1 END) AS unchanged
