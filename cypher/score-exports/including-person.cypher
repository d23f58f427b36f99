// The bulk score exports that included a person, newest first: the person's seq lies in the
// export's range and a run of the export's lineage scored them — or, once the export's run has
// been pruned, the range alone decides (an entry of the person's access log must not vanish).
// A lineage run's block of the seq is found whatever the run's block size: the block of the seq
// in each size a run may have.
// Parameters: $personId — the person's id; $limit — integer; $blockSizes — BLOCK_SIZES
//   (integers, src/store/neo4j/score-blocks.ts).
// Returns: rows {export} — node properties (none when no person has the id).
MATCH (p:Person {id: $personId})
MATCH (x:ScoreExport)
WHERE x.fromSeq <= p.seq AND p.seq <= x.toSeq
  AND (NOT EXISTS { MATCH (r:ScoreRun {id: x.runId}) }
       OR EXISTS { UNWIND $blockSizes AS size MATCH (b:ScoreBlock {block: p.seq / size}) WHERE b.runId IN x.lineage AND p.seq IN b.seqs })
RETURN properties(x) AS export
ORDER BY x.startedAt DESC
LIMIT $limit
