// The internal node ids of stored persons, for the edge upserts (friendships/upsert,
// transactions/upsert), which find a person by node id directly instead of by index lookup.
// Parameters: $ids — list of external ids.
// Returns: one row {id, node} per stored person among $ids.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, id(p) AS node
