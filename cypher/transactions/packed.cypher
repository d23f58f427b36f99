// Every transaction aggregate as packed columns, through tiescore's procedure (store/procedures
// says whether the server has it): the edges of transactions/by-seq, batchSize a row.
// Parameters: $batchSize — integer.
// Returns: rows {start, end, day, first, second} — little-endian columns in base64 text: Int32
//   seqs of the payer and the payee, Int32 day number of `lastAt` (-2^31: not a date), Float64
//   count, Float64 amount.
CALL tiescore.snapshot.transactions($batchSize) YIELD start, end, day, first, second
RETURN start, end, day, first, second
