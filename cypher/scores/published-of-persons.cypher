// What serving scores needs, in one statement: the published run and, for each person id asked
// for, their record, their score as that run serves it (from the first run of its lineage,
// newest first, that scored them — as scores/in-lineage) and their credit events by event id
// (as events/of-person). The API reads the scores of concurrent requests together with it.
// Parameters: $personIds — list of person ids (may be empty; repeats are answered twice);
//   $blockSize — SCORE_BLOCK_SIZE (integer), the block size of a lineage run whose node names none
//   (each run's own is its node's blockSize, src/store/neo4j/score-blocks.ts).
// Returns: no row when no run is published; otherwise one row {run, persons} — run: the ScoreRun
//   node's properties; persons: one map per id, {k, personId, person, score, events}, in the
//   order of $personIds (k: the id's index there; the adapter sorts by it too) — person: the
//   Person node's properties, or null when there is no such person; score: {runId, seq, entry}
//   (entry: the score as JSON), or null when the run serves none for them; events: a list of the
//   events' record fields {id, kind, at, amount, source, status, until}, by event id (empty
//   without a person).
MATCH (pub:Publication {name: 'current'})
MATCH (r:ScoreRun {id: pub.runId})
WITH r, [id IN r.lineage | coalesce(COLLECT { MATCH (lr:ScoreRun {id: id}) RETURN lr.blockSize }[0], $blockSize)] AS sizes
RETURN properties(r) AS run, COLLECT {
  UNWIND range(0, size($personIds) - 1) AS k
  WITH k, $personIds[k] AS personId
  OPTIONAL MATCH (p:Person {id: personId})
  WITH k, personId, p
  ORDER BY k
  RETURN {
    k: k,
    personId: personId,
    person: properties(p),
    score: COLLECT {
      UNWIND range(0, size(r.lineage) - 1) AS i
      MATCH (b:ScoreBlock {runId: r.lineage[i], block: p.seq / sizes[i]})
      WITH i, b, b.seqs AS seqs
      UNWIND [j IN range(0, size(seqs) - 1) WHERE seqs[j] = p.seq] AS j
      WITH i, b, j ORDER BY i LIMIT 1
      RETURN {runId: b.runId, seq: p.seq, entry: b.entries[j]}
    }[0],
    events: COLLECT {
      MATCH (p)-[:HAS_EVENT]->(e:Event)
      WITH e ORDER BY e.id
      RETURN e {.id, .kind, .at, .amount, .source, .status, .until}
    }
  }
} AS persons
