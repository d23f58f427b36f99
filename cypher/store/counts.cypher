// Sizes of the graph, from Neo4j's count store (constant time).
// Parameters: none.
// Returns: one row {persons, friendships, transactions, events}.
CALL () { MATCH (p:Person) RETURN count(p) AS persons }
CALL () { MATCH ()-[f:FRIEND]->() RETURN count(f) AS friendships }
CALL () { MATCH ()-[t:PAID]->() RETURN count(t) AS transactions }
CALL () { MATCH (e:Event) RETURN count(e) AS events }
RETURN persons, friendships, transactions, events
