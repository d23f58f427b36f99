// Everything the evaluation and fairness reports read, for every person a run serves a score
// for: the score from the first run of $lineage (newest first) that scored them, the person's
// credit events on record at $asOf (not removed by a dispute), the protected attributes and the
// stored outcome. One statement, so a report over the whole population is one read.
// Parameters: $lineage — list of run ids, newest first; $asOf — the run's as-of date YYYY-MM-DD.
// Returns: rows {personId, seq, entry, creditEvents, birthYear, sex, defaulted} in seq order —
//   entry: the score as JSON (src/store/neo4j/score-blocks.ts); birthYear, sex, defaulted may be null.
UNWIND range(0, size($lineage) - 1) AS i
MATCH (b:ScoreBlock)
WHERE b.runId = $lineage[i] AND b.block IS NOT NULL
WITH i, b.seqs AS seqs, b.entries AS entries
UNWIND range(0, size(seqs) - 1) AS k
WITH seqs[k] AS seq, i, entries[k] AS entry
ORDER BY seq, i
WITH seq, collect(entry)[0] AS entry
MATCH (p:Person {seq: seq})
OPTIONAL MATCH (o:Outcome {personId: p.id})
RETURN p.id AS personId, seq, entry,
       COUNT { (p)-[:HAS_EVENT]->(e:Event) WHERE e.status <> 'removed' AND e.at <= $asOf } AS creditEvents,
       p.birthYear AS birthYear, p.sex AS sex, o.defaulted AS defaulted
ORDER BY seq
