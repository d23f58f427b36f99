// Which of the given id hashes have an erasure record (uses the erasure_id_hash index).
// Parameters: $hashes — list of hex strings.
// Returns: one row {idHash} per hash with a record.
UNWIND $hashes AS hash
MATCH (r:ErasureRecord {idHash: hash})
RETURN DISTINCT hash AS idHash
