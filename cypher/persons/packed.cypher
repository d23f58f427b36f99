// Persons with seq in [$fromSeq, $toSeq) with their credit events, as columns, through
// tiescore's procedure (store/procedures says whether the server has it): the values of
// persons/with-events-by-seq in one row.
// Parameters: $fromSeq, $toSeq — integers ($toSeq - $fromSeq at most 2^20).
// Returns: one row {seqs, ids, numbers, accountCreated, sex, eventOwners, eventIds,
//   eventAmounts, eventCodes, dictionary} — dev/neo4j's SnapshotProcedures.PersonBatch says what
//   each holds; the columns are little-endian in base64 text.
CALL tiescore.snapshot.persons($fromSeq, $toSeq)
  YIELD seqs, ids, numbers, accountCreated, sex, eventOwners, eventIds, eventAmounts, eventCodes, dictionary
RETURN seqs, ids, numbers, accountCreated, sex, eventOwners, eventIds, eventAmounts, eventCodes, dictionary
