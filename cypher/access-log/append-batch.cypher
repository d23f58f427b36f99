// Appends several entries to the access log in one transaction (entries are never changed); the
// API batches the entries of concurrent reads into one such write.
// Parameters: $entries — list of {personId, at, kind, actor, role, consentId?}.
// Returns: nothing.
UNWIND $entries AS entry
CREATE (a:AccessLog)
SET a = entry
