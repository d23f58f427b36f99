// Records one request for an aggregate report (the fairness report); records are never changed.
// Parameters: $entry — {report, at, actor, role, cutoff}.
// Returns: nothing.
CREATE (r:ReportRead)
SET r = $entry
