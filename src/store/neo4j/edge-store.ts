/**
 * Contact edges in Neo4j: FRIEND (one per unordered pair, stored from the smaller id to the
 * larger) and PAID (one per ordered pair), written in batches and streamed back as seq pairs for
 * the CSR snapshot.
 */
import type { Friendship, Transaction } from '../../domain/records.js';
import type { FriendshipBySeq, StoreCounts, TransactionBySeq, UpsertResult } from '../store.js';
import { chunks } from './batches.js';
import { int, type Neo4jRunner } from './neo4j-runner.js';
import { upsertInBatches } from './upsert-batches.js';

/** What the edge scan needs from the person side: the seq range and the edge totals. */
export interface EdgeScanSource {
  seqBound(): Promise<number>;
  counts(): Promise<StoreCounts>;
}

export class EdgeStore {
  constructor(
    private readonly runner: Neo4jRunner,
    private readonly persons: EdgeScanSource,
    private readonly now: () => string,
  ) {}

  upsertFriendships(rows: readonly Friendship[]): Promise<UpsertResult> {
    const normalised = rows.map((row) => {
      const [a, b] = row.a <= row.b ? [row.a, row.b] : [row.b, row.a];
      return { a, b, since: row.since, interactions: row.interactions };
    });
    return upsertInBatches(this.runner, 'friendships/upsert', normalised, pairKey, this.now());
  }

  upsertTransactions(rows: readonly Transaction[]): Promise<UpsertResult> {
    const props = rows.map((row) => ({ from: row.from, to: row.to, count: row.count, amount: row.amount, lastAt: row.lastAt }));
    return upsertInBatches(this.runner, 'transactions/upsert', props, (row) => pairKey({ a: row.from, b: row.to }), this.now());
  }

  async *friendshipsBySeq(batchSize: number): AsyncIterable<FriendshipBySeq[]> {
    const { friendships } = await this.persons.counts();
    type Row = { a: number; edges: [number, string, number][] };
    yield* this.scanBySeq<Row, FriendshipBySeq>('friendships/by-seq', batchSize, friendships, (row, out) => {
      for (const [b, since, interactions] of row.edges) out.push({ a: row.a, b, since, interactions });
    });
  }

  async *transactionsBySeq(batchSize: number): AsyncIterable<TransactionBySeq[]> {
    const { transactions } = await this.persons.counts();
    type Row = { from: number; edges: [number, number, number, string][] };
    yield* this.scanBySeq<Row, TransactionBySeq>('transactions/by-seq', batchSize, transactions, (row, out) => {
      for (const [to, count, amount, lastAt] of row.edges) out.push({ from: row.from, to, count, amount, lastAt });
    });
  }

  friendshipsOfSeqs(seqs: readonly number[]): Promise<FriendshipBySeq[]> {
    return this.edgesOfSeqs<FriendshipBySeq>('friendships/of-seqs', seqs, (row) => `${row.a} ${row.b}`);
  }

  transactionsOfSeqs(seqs: readonly number[]): Promise<TransactionBySeq[]> {
    return this.edgesOfSeqs<TransactionBySeq>('transactions/of-seqs', seqs, (row) => `${row.from} ${row.to}`);
  }

  /** The edges touching `seqs`, each once: an edge between two chunks' persons comes back twice. */
  private async edgesOfSeqs<T>(statement: string, seqs: readonly number[], keyOf: (row: T) => string): Promise<T[]> {
    const byKey = new Map<string, T>();
    for (const chunk of chunks([...new Set(seqs)].sort((x, y) => x - y))) {
      for (const row of await this.runner.read<T & Record<string, unknown>>(statement, { seqs: chunk.map(int) })) byKey.set(keyOf(row), row);
    }
    return [...byKey.values()];
  }

  /**
   * Every edge the statement returns over consecutive seq ranges of its start person (one row
   * per start person, `flatten` turning it into its edges), regrouped into batches of
   * `batchSize`. The range width adapts so that each query returns about one batch of edges, so
   * memory stays near one batch whatever the graph's size or degree skew.
   */
  private async *scanBySeq<Row, T>(statement: string, batchSize: number, edgeCount: number, flatten: (row: Row, out: T[]) => void): AsyncGenerator<T[]> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`neo4j-store: batchSize must be a positive integer, got ${batchSize}`);
    const bound = await this.persons.seqBound();
    if (bound === 0 || edgeCount === 0) return;
    let width = clampWidth((batchSize * bound) / edgeCount, bound);
    let buffer: T[] = [];
    for (let fromSeq = 0; fromSeq < bound; ) {
      const toSeq = Math.min(bound, fromSeq + width);
      const rows = await this.runner.read<Row & Record<string, unknown>>(statement, { fromSeq: int(fromSeq), toSeq: int(toSeq) });
      const before = buffer.length;
      for (const row of rows) flatten(row, buffer);
      const edges = buffer.length - before;
      while (buffer.length >= batchSize) {
        yield buffer.slice(0, batchSize);
        buffer = buffer.slice(batchSize);
      }
      width = clampWidth(edges === 0 ? width * 2 : (width * batchSize) / edges, bound);
      fromSeq = toSeq;
    }
    if (buffer.length > 0) yield buffer;
  }
}

function pairKey(row: { a: string; b: string }): string {
  return JSON.stringify([row.a, row.b]);
}

function clampWidth(width: number, bound: number): number {
  return Math.max(1, Math.min(bound, Math.round(width)));
}
