// Every node and relationship holding one of $values in a property (equal to it, or a list
// containing it) or one of $fragments inside a string property or a string of a list property
// (a score block's entries). A full scan, for audits and tests: it shows what an erasure left
// behind (nothing but the erasure record, which holds a hash, never the id).
// Parameters: $values — list of strings matched whole; $fragments — list of strings looked for
//   inside string properties and the strings of list properties (e.g. an id that free text or
//   a score entry quotes).
// Returns: rows {value, kind, labels, keys} — kind 'node' or 'relationship'; labels (or the
//   relationship type); the property keys that hold the value.
UNWIND [v IN $values | {value: v, inside: false}] + [f IN $fragments | {value: f, inside: true}] AS probe
CALL (probe) {
  MATCH (n)
  WITH n, [k IN keys(n) WHERE
    CASE
      WHEN n[k] IS :: LIST<ANY> THEN probe.value IN n[k]
        OR (probe.inside AND any(item IN n[k] WHERE item IS :: STRING AND item CONTAINS probe.value))
      WHEN n[k] IS :: STRING THEN (probe.inside AND n[k] CONTAINS probe.value) OR n[k] = probe.value
      ELSE false
    END] AS holding
  WHERE size(holding) > 0
  RETURN 'node' AS kind, labels(n) AS labels, holding AS keys
  UNION ALL
  MATCH ()-[r]->()
  WITH r, [k IN keys(r) WHERE
    CASE
      WHEN r[k] IS :: LIST<ANY> THEN probe.value IN r[k]
        OR (probe.inside AND any(item IN r[k] WHERE item IS :: STRING AND item CONTAINS probe.value))
      WHEN r[k] IS :: STRING THEN (probe.inside AND r[k] CONTAINS probe.value) OR r[k] = probe.value
      ELSE false
    END] AS holding
  WHERE size(holding) > 0
  RETURN 'relationship' AS kind, [type(r)] AS labels, holding AS keys
}
RETURN probe.value AS value, kind, labels, keys
