// A person's score as served by a run: from the first run of $lineage (newest first) that
// scored them.
// Parameters: $lineage — list of run ids, newest first; $personId — the person's id.
// Returns: zero or one row {score} — the Score node's properties.
UNWIND range(0, size($lineage) - 1) AS i
MATCH (s:Score {runId: $lineage[i], personId: $personId})
RETURN properties(s) AS score
ORDER BY i
LIMIT 1
