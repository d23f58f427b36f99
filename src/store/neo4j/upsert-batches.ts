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
  const total: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
  for (const chunk of chunks(rows)) {
    const result = await runner.writeTx(async (tx) => {
      const counts: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
      for (const round of rounds(chunk, key)) {
        const [row] = await runIn<Counts>(tx, statement, { rows: round, now });
        if (row) addCounts(counts, row);
      }
      return counts;
    });
    addCounts(total, result);
  }
  return total;
}

function addCounts(into: UpsertResult, counts: Counts): void {
  into.created += counts.created;
  into.updated += counts.updated;
  into.unchanged += counts.unchanged;
}
