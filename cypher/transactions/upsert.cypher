// Inserts or updates a batch of transaction aggregates, one PAID edge per ordered pair
// (from)-[:PAID]->(to), merged on that direction. A created or changed edge gets
// updatedAt = $now (persons/dirty-since reads it; the persons are not written); an identical
// row touches nothing.
// Each person comes as its external id and its node id from persons/refs: the node is found by
// node id directly (no index lookup) and kept only if it is still that person, so a person
// deleted since the lookup (its node id perhaps reused) is never linked; such rows are counted
// as missing.
// Parameters, one list per column, index i across them is one row (pairs distinct within the
// batch): $from, $to — external ids of payer and payee; $fromNode, $toNode — their node ids;
// $count — integers; $amount — numbers; $lastAt — ISO instants; $now — ISO instant.
// Returns: one row {created, updated, unchanged, missing}.
UNWIND range(0, size($fromNode) - 1) AS i
MATCH (a) WHERE id(a) = $fromNode[i] AND a:Person AND a.id = $from[i]
MATCH (b) WHERE id(b) = $toNode[i] AND b:Person AND b.id = $to[i]
MERGE (a)-[t:PAID]->(b)
WITH t, $count[i] AS payments, $amount[i] AS amount, $lastAt[i] AS lastAt
WITH t, payments, amount, lastAt,
     CASE
       WHEN t.updatedAt IS NULL THEN 'created'
       WHEN t.count = payments AND t.amount = amount AND t.lastAt = lastAt THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  SET t.count = payments, t.amount = amount, t.lastAt = lastAt, t.updatedAt = $now)
WITH count(CASE WHEN outcome = 'created' THEN 1 END) AS created,
     count(CASE WHEN outcome = 'updated' THEN 1 END) AS updated,
     count(CASE WHEN outcome = 'unchanged' THEN 1 END) AS unchanged
RETURN created, updated, unchanged, size($fromNode) - created - updated - unchanged AS missing
