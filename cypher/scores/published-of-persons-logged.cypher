// Score reads logged as they are made: the published run and, for each read, whether its person
// exists, their score as that run serves it (as scores/published-of-persons) and the ids of their
// disputed events; in the same transaction, appends each read's access-log entry when the run
// serves the person a score (person and score found). The API's score route reads concurrent
// requests with it. A read may name the score its reader already holds (`knownSeq`, for the run
// `$knownRun`): when that run is the published one and the seq is still the person's, the score
// is not read again (`known` is true and `score` null) — a run's served scores never change, and
// an erased person is not found.
// Parameters: $reads — list of {personId, entry, knownSeq (integer or null)}, entry: the
//   access-log entry {personId, at, kind, actor, role, consentId?} of that read; $knownRun — the
//   run id the known seqs were served by (string or null); $blockSize — SCORE_BLOCK_SIZE
//   (integer), the block size of a lineage run whose node names none (each run's own is its
//   node's blockSize, src/store/neo4j/score-blocks.ts).
// Returns: no row (and nothing appended) when no run is published; otherwise one row
//   {run, persons} — run: the ScoreRun node's properties; persons: one map per read,
//   {k, personId, found, known, score, disputedEventIds}, in the order of $reads (k: the read's
//   index there) — found: a person has the id; known: the reader's score stands; score:
//   {runId, seq, entry} as scores/in-lineage returns it, or null (known, or none served);
//   disputedEventIds: the ids of their events with status 'disputed', by event id.
MATCH (pub:Publication {name: 'current'})
MATCH (r:ScoreRun {id: pub.runId})
WITH r, [id IN r.lineage | coalesce(COLLECT { MATCH (lr:ScoreRun {id: id}) RETURN lr.blockSize }[0], $blockSize)] AS sizes
CALL (r, sizes) {
  UNWIND range(0, size($reads) - 1) AS k
  WITH k, $reads[k] AS read
  OPTIONAL MATCH (p:Person {id: read.personId})
  WITH k, read, p, p IS NOT NULL AND r.id = coalesce($knownRun, '') AND p.seq = coalesce(read.knownSeq, -1) AS known
  WITH k, read, p, known, COLLECT {
    UNWIND CASE WHEN known OR p IS NULL THEN [] ELSE range(0, size(r.lineage) - 1) END AS i
    MATCH (b:ScoreBlock {runId: r.lineage[i], block: p.seq / sizes[i]})
    WITH i, b, b.seqs AS seqs
    UNWIND [j IN range(0, size(seqs) - 1) WHERE seqs[j] = p.seq] AS j
    WITH i, b, j ORDER BY i LIMIT 1
    RETURN {runId: b.runId, seq: p.seq, entry: b.entries[j]}
  }[0] AS score
  CALL (read, p, known, score) {
    WITH read WHERE p IS NOT NULL AND (known OR score IS NOT NULL)
    CREATE (a:AccessLog)
    SET a = read.entry
  }
  WITH k, read, p, known, score
  ORDER BY k
  RETURN collect({
    k: k,
    personId: read.personId,
    found: p IS NOT NULL,
    known: known,
    score: score,
    disputedEventIds: COLLECT {
      MATCH (p)-[:HAS_EVENT]->(e:Event {status: 'disputed'})
      RETURN e.id AS id ORDER BY id
    }
  }) AS persons
}
RETURN properties(r) AS run, persons
