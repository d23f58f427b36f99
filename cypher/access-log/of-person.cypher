// Who read a person's data, newest first (uses the access_log_person index).
// Parameters: $personId — the person's id; $limit — integer.
// Returns: rows {entry} — node properties.
MATCH (a:AccessLog)
WHERE a.personId = $personId AND a.at IS NOT NULL
RETURN properties(a) AS entry
ORDER BY a.at DESC
LIMIT $limit
