// Everything the evaluation and fairness reports read, for every person a run serves a score
// for: the score from the first run of $lineage (newest first) that scored them, the person's
// credit events on record at $asOf (not removed by a dispute), the protected attributes and the
// stored outcome. One statement, so a report over the whole population is one read.
// Parameters: $lineage — list of run ids, newest first; $asOf — the run's as-of date YYYY-MM-DD.
// Returns: rows {personId, seq, score, band, history, behaviour, capacity, identity, network,
//   creditEvents, birthYear, sex, defaulted} in seq order (birthYear, sex, defaulted may be null).
UNWIND range(0, size($lineage) - 1) AS i
MATCH (s:Score)
WHERE s.runId = $lineage[i] AND s.seq >= 0
WITH s.seq AS seq, i, s
ORDER BY seq, i
WITH seq, collect(s)[0] AS s
MATCH (p:Person {id: s.personId})
OPTIONAL MATCH (o:Outcome {personId: s.personId})
RETURN s.personId AS personId, seq, s.score AS score, s.band AS band,
       s.history AS history, s.behaviour AS behaviour, s.capacity AS capacity, s.identity AS identity, s.network AS network,
       COUNT { (p)-[:HAS_EVENT]->(e:Event) WHERE e.status <> 'removed' AND e.at <= $asOf } AS creditEvents,
       p.birthYear AS birthYear, p.sex AS sex, o.defaulted AS defaulted
ORDER BY seq
