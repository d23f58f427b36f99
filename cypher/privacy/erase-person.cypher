// Erases one person in one statement: their former contacts (FRIEND or PAID either way) get
// updatedAt = $now, so the next incremental run rescores them (persons/dirty-since reads it);
// then their events, edges, scores of every run, consents, disputes, access-log entries,
// subject API keys and observed outcome are deleted with the person, and the erasure record is created — the only
// trace left, holding a salted hash of the id, never the id, and the vacated seq (an internal
// number, so that persons/dirty-since reports it and an incremental run drops the person from
// its kept snapshot image).
// Parameters: $personId — the person's id; $record — {idHash, at, requestedBy, role};
//   $now — ISO instant; $blockSize — SCORE_BLOCK_SIZE (integer); $blockSizes — BLOCK_SIZES
//   (integers, src/store/neo4j/score-blocks.ts).
// Returns: one row of counts {contactsMarked, friendships, transactions, events, scores,
//   consents, disputes, accessLog, apiKeys} when the person exists, none otherwise.
MATCH (p:Person {id: $personId})
CALL (p) {
  MATCH (p)-[:FRIEND|PAID]-(c:Person)
  WHERE c <> p
  WITH DISTINCT c
  SET c.updatedAt = $now
  RETURN count(c) AS contactsMarked
}
CALL (p) { MATCH (p)-[f:FRIEND]-(:Person) RETURN count(f) AS friendships }
CALL (p) { MATCH (p)-[t:PAID]-(:Person) RETURN count(t) AS transactions }
CALL (p) { MATCH (p)-[:HAS_EVENT]->(e:Event) DETACH DELETE e RETURN count(*) AS events }
CALL (p) {
  // Their entry of every run's block (the block deleted when it was the last), whatever the
  // run's block size: the block of their seq in each size a run may have.
  // The seq's lock first (as scores/write-blocks takes it): a score write that began before
  // this erasure is then in the blocks read below, and one that begins after sees the person
  // gone. Then each block's own write lock before its lists are read, as a writer takes it:
  // another erasure or a write of the block's other persons cannot slip in between (nothing of
  // a block but its key is read before: a property read earlier in a statement may be reused).
  MERGE (lock:ScoreBlockLock {block: p.seq / $blockSize})
  SET lock.block = p.seq / $blockSize
  WITH p
  UNWIND $blockSizes AS size
  MATCH (b:ScoreBlock {block: p.seq / size})
  WITH DISTINCT p, b
  SET b.runId = b.runId
  WITH p, b, b.seqs AS seqs, b.score AS score, b.band AS band, b.entries AS entries
  WITH b, seqs, score, band, entries, [k IN range(0, size(seqs) - 1) WHERE seqs[k] <> p.seq] AS kept
  WHERE size(kept) < size(seqs)
  SET b.seqs = [k IN kept | seqs[k]], b.score = [k IN kept | score[k]], b.band = [k IN kept | band[k]],
      b.entries = [k IN kept | entries[k]]
  WITH b, kept
  CALL (b, kept) { WITH b WHERE size(kept) = 0 DELETE b }
  RETURN count(*) AS scores
}
CALL () { MATCH (c:Consent {personId: $personId}) DETACH DELETE c RETURN count(*) AS consents }
CALL () { MATCH (d:Dispute {personId: $personId}) DETACH DELETE d RETURN count(*) AS disputes }
CALL () {
  MATCH (a:AccessLog)
  WHERE a.personId = $personId AND a.at IS NOT NULL
  DETACH DELETE a
  RETURN count(*) AS accessLog
}
CALL () { MATCH (k:ApiKey {personId: $personId}) DETACH DELETE k RETURN count(*) AS apiKeys }
CALL () {
  // Their observed outcome too; the reports' cache key (the outcomes revision) moves on.
  OPTIONAL MATCH (o:Outcome {personId: $personId})
  WITH o WHERE o IS NOT NULL
  DETACH DELETE o
  MERGE (c:Counter {name: 'outcomes-revision'})
  SET c.value = coalesce(c.value, 0) + 1
}
CREATE (r:ErasureRecord)
SET r = $record, r.seq = p.seq, r.updatedAt = $now
DETACH DELETE p
RETURN contactsMarked, friendships, transactions, events, scores, consents, disputes, accessLog, apiKeys
