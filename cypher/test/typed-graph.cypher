// Test only (test/integration/import-initial.test.ts): every node and relationship with its labels
// or type and each property's name, type (valueType) and value, ends named by their `id`, so two
// databases loaded different ways can be compared for the same graph. Values that differ between
// any two loads are left out but their presence and type kept: `updatedAt` (the load's clock) and
// the random erasure salt. The tests' own marker node is left out.
// Parameters: none.
// Returns: one row per node {kind: 'node', labels, props, start: null, end: null} and one per
//   relationship {kind: 'rel', labels: [type], props, start, end}; props is a list of [name, type, value].
MATCH (n)
WHERE NOT n:TiescoreTestDatabase
RETURN 'node' AS kind, labels(n) AS labels,
       [k IN keys(n) | [k, valueType(n[k]), CASE WHEN k IN ['updatedAt', 'salt'] THEN null ELSE n[k] END]] AS props,
       null AS start, null AS end
UNION ALL
MATCH (a)-[r]->(b)
RETURN 'rel' AS kind, [type(r)] AS labels,
       [k IN keys(r) | [k, valueType(r[k]), CASE WHEN k = 'updatedAt' THEN null ELSE r[k] END]] AS props,
       a.id AS start, b.id AS end
