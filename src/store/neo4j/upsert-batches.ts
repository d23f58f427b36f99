/**
 * The one write path of every batched upsert: chunks of at most `BATCH_SIZE` rows, each chunk
 * in one write transaction (never half-applied), rows with a repeated key split into rounds
 * run in order inside that transaction, counts summed from the statement's result row.
 */
import type { UpsertResult } from '../store.js';
import { chunks, rounds } from './batches.js';
import { runIn, type Neo4jRunner } from './neo4j-runner.js';

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows the statement could not apply because a node it names is gone (edge upserts only). */
  missing?: number;
}

export interface BatchResult extends UpsertResult {
  missing: number;
}

/**
 * Runs the named upsert statement (parameters rows and now; returns one row
 * `{created, updated, unchanged}`) over `rows`.
 */
export async function upsertInBatches<T>(
  runner: Neo4jRunner,
  statement: string,
  rows: readonly T[],
  key: (row: T) => string,
  now: string,
): Promise<UpsertResult> {
  const { created, updated, unchanged } = await writeInBatches(runner, statement, rows, key, now);
  return { created, updated, unchanged };
}

/**
 * Like `upsertInBatches`, with the parameters of a round built by `toParams` (default: the
 * list parameter `rows`) and the statement's `missing` count summed too.
 */
export async function writeInBatches<T>(
  runner: Neo4jRunner,
  statement: string,
  rows: readonly T[],
  key: (row: T) => string,
  now: string,
  toParams: (round: T[]) => Record<string, unknown> = (round) => ({ rows: round }),
): Promise<BatchResult> {
  const total: BatchResult = { created: 0, updated: 0, unchanged: 0, missing: 0 };
  for (const chunk of chunks(rows)) {
    const result = await runner.writeTx(async (tx) => {
      const counts: BatchResult = { created: 0, updated: 0, unchanged: 0, missing: 0 };
      for (const round of rounds(chunk, key)) {
        const [row] = await runIn<Counts>(tx, statement, { ...toParams(round), now });
        if (row) addCounts(counts, row);
      }
      return counts;
    });
    addCounts(total, result);
  }
  return total;
}

function addCounts(into: BatchResult, counts: Counts): void {
  into.created += counts.created;
  into.updated += counts.updated;
  into.unchanged += counts.unchanged;
  into.missing += counts.missing ?? 0;
}
