// Every friendship as packed columns, through tiescore's procedure (store/procedures says
// whether the server has it): the edges of friendships/by-seq, batchSize a row.
// Parameters: $batchSize — integer.
// Returns: rows {start, end, day, first} — little-endian columns in base64 text: Int32 seqs of
//   the start (smaller-id) and the other end, Int32 day number of `since` (-2^31: not a date),
//   Float64 interactions.
CALL tiescore.snapshot.friendships($batchSize) YIELD start, end, day, first
RETURN start, end, day, first
