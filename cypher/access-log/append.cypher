// Appends one entry to the access log (entries are never changed).
// Parameters: $entry — {personId, at, kind, actor, role, consentId?}.
// Returns: nothing.
CREATE (a:AccessLog)
SET a = $entry
