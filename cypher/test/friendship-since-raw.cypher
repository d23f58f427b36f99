// Sets a stored friendship's `since` to any value, bypassing the importer's validation: the
// tests' way to put a malformed date in the database.
// Parameters: $a, $b — person ids (a < b, the stored direction); $since — the value.
// Returns: one row {updated} — 1 when the friendship exists.
MATCH (:Person {id: $a})-[f:FRIEND]->(:Person {id: $b})
SET f.since = $since
RETURN count(f) AS updated
