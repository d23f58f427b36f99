// Inserts or updates a batch of friendships. Each unordered pair is stored once, from the smaller
// id to the larger (the caller normalises), and merged on that direction. A created or changed
// edge gets updatedAt = $now (persons/dirty-since reads it, so the persons themselves are not
// written: fewer locks and writes in bulk loads); an identical row touches nothing.
// Each person comes as its external id and its node id from persons/refs: the node is found by
// node id directly (no index lookup) and kept only if it is still that person, so a person
// deleted since the lookup (its node id perhaps reused) is never linked; such rows are counted
// as missing.
// Parameters, one list per column, index i across them is one row ($a[i] < $b[i] by id; pairs
// distinct within the batch): $a, $b — external ids of the two persons; $aNode, $bNode — their
// node ids; $since — ISO dates; $interactions — integers; $now — ISO instant.
// Returns: one row {created, updated, unchanged, missing}.
UNWIND range(0, size($aNode) - 1) AS i
MATCH (a) WHERE id(a) = $aNode[i] AND a:Person AND a.id = $a[i]
MATCH (b) WHERE id(b) = $bNode[i] AND b:Person AND b.id = $b[i]
MERGE (a)-[f:FRIEND]->(b)
WITH f, $since[i] AS since, $interactions[i] AS interactions
WITH f, since, interactions,
     CASE
       WHEN f.updatedAt IS NULL THEN 'created'
       WHEN f.since = since AND f.interactions = interactions THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  SET f.since = since, f.interactions = interactions, f.updatedAt = $now)
WITH count(CASE WHEN outcome = 'created' THEN 1 END) AS created,
     count(CASE WHEN outcome = 'updated' THEN 1 END) AS updated,
     count(CASE WHEN outcome = 'unchanged' THEN 1 END) AS unchanged
RETURN created, updated, unchanged, size($aNode) - created - updated - unchanged AS missing
