// Inserts or updates a batch of credit events by id, each linked (:Person)-[:HAS_EVENT]->(:Event).
// A new event takes the row's status; an update keeps the stored dispute status. A created or
// changed event gets updatedAt = $now (persons/dirty-since reads it; its former person, when it
// moves, is marked directly).
// Rows whose person does not exist are skipped (the importer checks them first).
// Parameters: $rows — list of {personId, status, event: {id, kind, at, amount, source, until?}}
//   (event holds exactly the stored properties besides status), event ids distinct within $rows;
//   $now — ISO instant.
// Returns: one row {created, updated, unchanged}.
UNWIND $rows AS row
WITH row, row.event AS props
MATCH (p:Person {id: row.personId})
MERGE (e:Event {id: props.id})
WITH p, e, row, props, e.status IS NULL AS isNew
OPTIONAL MATCH (owner:Person)-[owned:HAS_EVENT]->(e)
WITH p, e, row, props, owner, owned, isNew, properties(e) = props {.*, status: e.status, updatedAt: e.updatedAt} AS same
WITH p, e, row, props, owner, owned,
     CASE
       WHEN isNew THEN 'created'
       WHEN owner = p AND same THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
CALL (p, e, row, props, outcome) {
  WITH * WHERE outcome = 'created'
  SET e = props {.*, status: row.status, updatedAt: $now}
  CREATE (p)-[:HAS_EVENT]->(e)
}
CALL (p, e, props, owner, owned, outcome) {
  WITH * WHERE outcome = 'updated'
  SET e = props {.*, status: e.status, updatedAt: $now}
  WITH * WHERE owner IS NULL OR owner <> p
  DELETE owned
  SET owner.updatedAt = $now
  CREATE (p)-[:HAS_EVENT]->(e)
}
RETURN count(CASE WHEN outcome = 'created' THEN 1 END) AS created,
       count(CASE WHEN outcome = 'updated' THEN 1 END) AS updated,
       count(CASE WHEN outcome = 'unchanged' THEN 1 END) AS unchanged
