// Deletes the records of bulk score exports that started before a time: they age out of the
// access logs of the persons they included together with those logs' own entries.
// Parameters: $before — ISO instant.
// Returns: one row {deleted} — how many were deleted.
MATCH (x:ScoreExport)
WHERE x.startedAt < $before
WITH collect(x) AS old
FOREACH (x IN old | DELETE x)
RETURN size(old) AS deleted
