/**
 * The one write path of every batched upsert: chunks of at most `BATCH_SIZE` rows, each chunk
 * in one write transaction (never half-applied), rows with a repeated key split into rounds
 * run in order inside that transaction, counts summed from the statement's result row.
 * Edges can go two transactions at a time (`writeEdgesInBatches`): a chunk's rows are grouped
 * by the classes of their two end nodes so that the two transactions of a step never touch the
 * same node — no lock waits, no deadlocks — and one writer keeps each core of Neo4j busy.
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

/**
 * Writes one chunk as consecutive steps of concurrent transactions: `place` puts each row in a
 * [step, group]; a step's groups run at the same time, each in its own transaction (whole or not
 * at all; a transient failure such as a deadlock retries only its own), and the caller's placing
 * makes them touch disjoint nodes. Rows of one key must share a group: there they keep their order.
 */
async function writeChunkInSteps<T>(
  runner: Neo4jRunner,
  statement: string,
  chunk: readonly T[],
  key: (row: T) => string,
  place: (row: T) => readonly [step: number, group: number],
  params: (round: T[]) => Record<string, unknown>,
): Promise<BatchResult> {
  const steps: T[][][] = [];
  for (const row of chunk) {
    const [step, group] = place(row);
    ((steps[step] ??= [])[group] ??= []).push(row);
  }
  const total: BatchResult = { created: 0, updated: 0, unchanged: 0, missing: 0 };
  for (const groups of steps) {
    if (!groups) continue;
    const results = await Promise.all(
      groups.filter((group) => group !== undefined && group.length > 0).map((group) =>
        runner.writeTx(async (tx) => {
          const counts: BatchResult = { created: 0, updated: 0, unchanged: 0, missing: 0 };
          for (const round of rounds(group, key)) {
            const [row] = await runIn<Counts>(tx, statement, params(round));
            if (row) addCounts(counts, row);
          }
          return counts;
        }),
      ),
    );
    for (const result of results) addCounts(total, result);
  }
  return total;
}

/**
 * Classes of end nodes (node id mod 4) and the steps over them: in each step, two groups of rows
 * whose end nodes come from disjoint pairs of classes; every ordered pair of classes is in exactly
 * one group, so every row is written exactly once, and rows of one key (one pair of nodes) always
 * fall in the same group.
 */
const NODE_CLASSES = 4;
const STEPS: readonly (readonly [readonly [number, number], readonly [number, number]])[] = [
  [[0, 1], [2, 3]],
  [[0, 2], [1, 3]],
  [[0, 3], [1, 2]],
];
/** For classes (c, d): [step, group]. */
const GROUP_OF: [number, number][][] = Array.from({ length: NODE_CLASSES }, (_, c) =>
  Array.from({ length: NODE_CLASSES }, (_, d) => {
    const step = STEPS.findIndex((groups) => groups.some((pair) => pair.includes(c) && pair.includes(d)));
    return [step, STEPS[step]!.findIndex((pair) => pair.includes(c) && pair.includes(d))] as [number, number];
  }),
);

/**
 * Like `writeInBatches` for rows that link two nodes (`ends`: their node ids): each chunk is
 * written as up to three steps of two concurrent transactions over disjoint node classes.
 */
export async function writeEdgesInBatches<T>(
  runner: Neo4jRunner,
  statement: string,
  rows: readonly T[],
  ends: (row: T) => readonly [number, number],
  now: string,
  toParams: (round: T[]) => Record<string, unknown>,
): Promise<BatchResult> {
  const total: BatchResult = { created: 0, updated: 0, unchanged: 0, missing: 0 };
  const place = (row: T) => {
    const [start, end] = ends(row);
    return GROUP_OF[start % NODE_CLASSES]![end % NODE_CLASSES]!;
  };
  for (const chunk of chunks(rows)) {
    addCounts(total, await writeChunkInSteps(runner, statement, chunk, (row) => ends(row).join(' '), place, (round) => ({ ...toParams(round), now })));
  }
  return total;
}

/**
 * Like `upsertInBatches` for rows that belong to one node found by `owner` (an event and its
 * person): each chunk goes as two concurrent transactions, split by the owner's id, so the two
 * never lock the same owner — unless a row moves its key to another owner (an event changing
 * person locks the former one too: a rare deadlock, which the driver retries). A chunk that
 * repeats a key goes as one transaction, in order.
 */
export async function upsertOwnedInBatches<T>(
  runner: Neo4jRunner,
  statement: string,
  rows: readonly T[],
  key: (row: T) => string,
  owner: (row: T) => string,
  now: string,
): Promise<UpsertResult> {
  const total: BatchResult = { created: 0, updated: 0, unchanged: 0, missing: 0 };
  for (const chunk of chunks(rows)) {
    const repeats = new Set(chunk.map(key)).size < chunk.length;
    const place = (row: T): [number, number] => [0, repeats ? 0 : halfOf(owner(row))];
    addCounts(total, await writeChunkInSteps(runner, statement, chunk, key, place, (round) => ({ rows: round, now })));
  }
  return { created: total.created, updated: total.updated, unchanged: total.unchanged };
}

/** 0 or 1 from a string, spread evenly (FNV-1a). */
function halfOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 16) & 1;
}
