// Which of the given ids are stored persons.
// Parameters: $ids — list of external ids.
// Returns: one row {id} per stored person among $ids.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id
