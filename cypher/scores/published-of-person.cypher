// What a score read needs, in one statement: the published run and, for one person, their record,
// their score as that run serves it (from the first run of its lineage, newest first, that scored
// them — as scores/in-lineage) and their credit events by event id (as events/of-person).
// Parameters: $personId — the person's id.
// Returns: no row when no run is published; otherwise one row {run, person, score, events} —
//   run: the ScoreRun node's properties; person: the Person node's properties, or null when there
//   is no such person; score: the Score node's properties, or null when the run serves none for
//   them; events: a list of Event node properties (empty without a person).
MATCH (pub:Publication {name: 'current'})
MATCH (r:ScoreRun {id: pub.runId})
OPTIONAL MATCH (p:Person {id: $personId})
RETURN properties(r) AS run,
       properties(p) AS person,
       COLLECT {
         UNWIND range(0, size(r.lineage) - 1) AS i
         MATCH (s:Score {runId: r.lineage[i], personId: $personId})
         WITH s ORDER BY i LIMIT 1
         RETURN properties(s)
       }[0] AS score,
       COLLECT {
         MATCH (p)-[:HAS_EVENT]->(e:Event)
         WITH e ORDER BY e.id
         RETURN properties(e)
       } AS events
