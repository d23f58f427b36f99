// What `tiescore import --initial` checks before it replaces the database with a bulk-built one:
// whether it holds anything at all, and whether it holds erasure records (a replace would forget
// them, so erased persons could come back unnoticed).
// Parameters: none.
// Returns: one row {nodes, erasureRecords}.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH (r:ErasureRecord) RETURN count(r) AS erasureRecords }
RETURN nodes, erasureRecords
