// Records how a bulk score export ended: when, rows sent, the last seq sent, the status.
// Parameters: $id — export id; $end — {finishedAt, rows, toSeq, status}.
// Returns: one row {id} when the export exists, none otherwise.
MATCH (x:ScoreExport {id: $id})
SET x += $end
RETURN x.id AS id
