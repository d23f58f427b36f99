// How many scores are still stored the old way, one (:Score) node per run and person (from the
// count store: constant time).
// Parameters: none. Returns: one row {count}.
MATCH (s:Score)
RETURN count(s) AS count
