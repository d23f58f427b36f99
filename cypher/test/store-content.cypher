// Test only (test/support/store-content.ts): every node with its labels and properties and every
// relationship with its type, ends and properties, so a test can hash the whole store and prove
// that a refused request wrote nothing. Never used by tiescore itself.
// Parameters: none.
// Returns: one row per node {kind: 'node', id, labels, props, start: null, end: null} and one per
//   relationship {kind: 'rel', id, labels: [type], props, start, end} (ids are element ids).
MATCH (n)
RETURN 'node' AS kind, elementId(n) AS id, labels(n) AS labels, properties(n) AS props, null AS start, null AS end
UNION ALL
MATCH (a)-[r]->(b)
RETURN 'rel' AS kind, elementId(r) AS id, [type(r)] AS labels, properties(r) AS props, elementId(a) AS start, elementId(b) AS end
