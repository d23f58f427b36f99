/**
 * Moves scores stored the old way — one (:Score) node per run and person — into score blocks
 * (score-blocks.ts; the runs keep SCORE_BLOCK_SIZE, which a run node naming no size has), then
 * drops the old schema. Part of `tiescore db migrate`; a database without
 * such nodes costs one empty read. Each batch is one transaction (the nodes deleted and their
 * blocks written together), so an interrupted migration resumes where it stopped.
 */
import type { Driver } from 'neo4j-driver';
import type { PersonScore } from '../../domain/scores.js';
import { BATCH_SIZE } from './batches.js';
import { cypherStatements } from './cypher.js';
import { int, runIn } from './neo4j-runner.js';
import { mergeBlocks, SCORE_BLOCK_SIZE, scoresByRun, writeBlocksParams } from './score-blocks.js';

/** Called after each batch: scores moved so far, of how many there were. */
export type ScoreMoveProgress = (moved: number, total: number) => void;

/** Moves every old Score node into blocks; returns how many were moved. */
export async function migrateScoreNodes(driver: Driver, database?: string, onProgress?: ScoreMoveProgress): Promise<number> {
  let moved = 0;
  const session = driver.session({ database });
  try {
    const [counted] = await session.executeRead((tx) => runIn<{ count: number }>(tx, 'migrations/count-score-nodes'));
    const total = counted?.count ?? 0;
    for (;;) {
      const taken = await session.executeWrite(async (tx) => {
        const rows = await runIn<{ score: Record<string, unknown> }>(tx, 'migrations/take-score-nodes', { limit: int(BATCH_SIZE) });
        const byRun = scoresByRun(rows.map((row) => scoreOfNode(row.score)));
        for (const [runId, scores] of byRun) await runIn(tx, 'scores/write-blocks', writeBlocksParams(runId, mergeBlocks(scores, SCORE_BLOCK_SIZE)));
        return rows.length;
      });
      if (taken === 0) break;
      moved += taken;
      onProgress?.(moved, total);
    }
    for (const statement of cypherStatements('migrations/retire-score-nodes')) await session.run(statement);
  } finally {
    await session.close();
  }
  return moved;
}

function scoreOfNode(props: Record<string, unknown>): PersonScore {
  return {
    runId: props.runId as string,
    personId: props.personId as string,
    seq: Number(props.seq),
    score: props.score as number,
    band: props.band as string,
    dimensions: {
      history: props.history as number,
      behaviour: props.behaviour as number,
      capacity: props.capacity as number,
      identity: props.identity as number,
      network: props.network as number,
    },
    reasonCodes: JSON.parse(props.reasonCodes as string) as PersonScore['reasonCodes'],
    modelVersion: props.modelVersion as string,
  };
}
