// Benchmark only (bench/soak.ts): deletes what one soak run made — the credit events it ingested
// (their `source` names the run), the access-log entries its keys' reads appended and its API
// keys — up to $limit nodes a call (called until it returns 0). Never used by tiescore itself.
// Parameters: $source — the soak run's event source; $keyIds — its API key ids; $limit — integer.
// Returns: one row {deleted}.
CALL () {
  MATCH (e:Event) WHERE e.source = $source RETURN e AS n
  UNION ALL
  MATCH (a:AccessLog) WHERE a.actor IN $keyIds RETURN a AS n
  UNION ALL
  MATCH (k:ApiKey) WHERE k.id IN $keyIds RETURN k AS n
}
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
