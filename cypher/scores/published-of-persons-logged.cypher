// Score reads logged as they are made: reads as scores/published-of-persons does and, in the same
// transaction, appends each read's access-log entry when the published run serves a score for the
// person (person and score found). The API's score route reads concurrent requests with it.
// Parameters: $reads — list of {personId, entry}, entry: the access-log entry {personId, at, kind,
//   actor, role, consentId?} of that read; $blockSize — SCORE_BLOCK_SIZE (integer).
// Returns: no row (and nothing appended) when no run is published; otherwise one row
//   {run, persons} exactly as scores/published-of-persons returns for the reads' person ids.
MATCH (pub:Publication {name: 'current'})
MATCH (r:ScoreRun {id: pub.runId})
CALL (r) {
  UNWIND range(0, size($reads) - 1) AS k
  WITH k, $reads[k] AS read
  OPTIONAL MATCH (p:Person {id: read.personId})
  WITH k, read, p, COLLECT {
    UNWIND range(0, size(r.lineage) - 1) AS i
    MATCH (b:ScoreBlock {runId: r.lineage[i], block: p.seq / $blockSize})
    WITH i, b, b.seqs AS seqs
    UNWIND [j IN range(0, size(seqs) - 1) WHERE seqs[j] = p.seq] AS j
    WITH i, b, j ORDER BY i LIMIT 1
    RETURN {runId: b.runId, seq: p.seq, entry: b.entries[j]}
  }[0] AS score
  CALL (read, p, score) {
    WITH read WHERE p IS NOT NULL AND score IS NOT NULL
    CREATE (a:AccessLog)
    SET a = read.entry
  }
  WITH k, read, p, score
  ORDER BY k
  RETURN collect({
    k: k,
    personId: read.personId,
    person: properties(p),
    score: score,
    events: COLLECT {
      MATCH (p)-[:HAS_EVENT]->(e:Event)
      WITH e ORDER BY e.id
      RETURN e {.id, .kind, .at, .amount, .source, .status, .until}
    }
  }) AS persons
}
RETURN properties(r) AS run, persons
