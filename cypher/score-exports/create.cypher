// Records a bulk score export as it starts (src/domain/score-exports.ts).
// Parameters: $record — {id, runId, lineage, format, via, actor, role, purpose, startedAt, fromSeq, toSeq, rows, status}.
// Returns: nothing.
CREATE (x:ScoreExport)
SET x = $record
