// The bulk score exports that included a person, newest first: the person's seq lies in the
// export's range and a run of the export's lineage scored them — or, once the export's run has
// been pruned, the range alone decides (an entry of the person's access log must not vanish).
// Parameters: $personId — the person's id; $limit — integer; $blockSize — SCORE_BLOCK_SIZE (integer).
// Returns: rows {export} — node properties (none when no person has the id).
MATCH (p:Person {id: $personId})
MATCH (x:ScoreExport)
WHERE x.fromSeq <= p.seq AND p.seq <= x.toSeq
  AND (NOT EXISTS { MATCH (r:ScoreRun {id: x.runId}) }
       OR EXISTS { MATCH (b:ScoreBlock {block: p.seq / $blockSize}) WHERE b.runId IN x.lineage AND p.seq IN b.seqs })
RETURN properties(x) AS export
ORDER BY x.startedAt DESC
LIMIT $limit
