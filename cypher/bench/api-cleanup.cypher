// Benchmark only (bench/api.ts, bench/view-build.ts): deletes what one benchmark run made in the benchmark database —
// the access-log entries its keys' reads appended, its consumer's consents and its API keys — up
// to $limit nodes a call (called until it returns 0). Never used by tiescore itself.
// Parameters: $keyIds — the benchmark's API key ids; $consumer — its consumer key's name;
//   $limit — integer.
// Returns: one row {deleted}.
CALL () {
  MATCH (a:AccessLog) WHERE a.actor IN $keyIds RETURN a AS n
  UNION ALL
  MATCH (c:Consent) WHERE c.consumer = $consumer RETURN c AS n
  UNION ALL
  MATCH (k:ApiKey) WHERE k.id IN $keyIds RETURN k AS n
}
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
