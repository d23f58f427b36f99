/**
 * Contacts in the embedded store: friendships keyed by their unordered pair (stored smaller id
 * first), transaction aggregates by their ordered pair; an edge that changes marks both ends.
 */
import type { Friendship, Transaction } from '../../domain/records.js';
import { edgeColumns } from '../edge-columns.js';
import type { EdgePort, FriendshipColumns, SeqFriendship, SeqTransaction, TransactionColumns } from '../ports/edges.js';
import type { UpsertResult } from '../ports/upsert-result.js';
import { clone, sameRecord, type MemoryState } from './memory-state.js';

export const friendshipKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const transactionKey = (from: string, to: string) => `${from}\u0000${to}`;

export class MemoryEdgeStore implements EdgePort {
  constructor(private readonly state: MemoryState) {}

  async upsertFriendships(rows: readonly Friendship[]): Promise<UpsertResult> {
    const normalised = rows.map((row) => (row.a < row.b ? row : { ...row, a: row.b, b: row.a }));
    return this.upsertKeyed(this.state.friendships, normalised, (row) => friendshipKey(row.a, row.b), (row) => [row.a, row.b]);
  }

  async upsertTransactions(rows: readonly Transaction[]): Promise<UpsertResult> {
    return this.upsertKeyed(this.state.transactions, rows, (row) => transactionKey(row.from, row.to), (row) => [row.from, row.to]);
  }

  async *friendshipBatches(batchSize: number): AsyncIterable<FriendshipColumns> {
    for (const batch of inBatches(this.state.friendships.values(), batchSize, (row) => this.bySeq(row))) yield edgeColumns.friendships(batch);
  }

  async *transactionBatches(batchSize: number): AsyncIterable<TransactionColumns> {
    for (const batch of inBatches(this.state.transactions.values(), batchSize, (row) => this.transactionBySeq(row))) yield edgeColumns.transactions(batch);
  }

  async friendshipsTouchingSeqs(seqs: readonly number[]): Promise<SeqFriendship[]> {
    const wanted = new Set(seqs);
    return [...this.state.friendships.values()].map((row) => this.bySeq(row)).filter((row) => wanted.has(row.a) || wanted.has(row.b));
  }

  async transactionsTouchingSeqs(seqs: readonly number[]): Promise<SeqTransaction[]> {
    const wanted = new Set(seqs);
    return [...this.state.transactions.values()].map((row) => this.transactionBySeq(row)).filter((row) => wanted.has(row.from) || wanted.has(row.to));
  }

  private bySeq(row: Friendship): SeqFriendship {
    return { a: this.state.seqOf(row.a), b: this.state.seqOf(row.b), since: row.since, interactions: row.interactions };
  }

  private transactionBySeq(row: Transaction): SeqTransaction {
    return { from: this.state.seqOf(row.from), to: this.state.seqOf(row.to), count: row.count, amount: row.amount, lastAt: row.lastAt };
  }

  private upsertKeyed<T extends object>(map: Map<string, T>, rows: readonly T[], keyOf: (row: T) => string, endsOf: (row: T) => string[]): UpsertResult {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const row of rows) {
      const key = keyOf(row);
      const existing = map.get(key);
      if (existing && sameRecord(existing, row)) {
        result.unchanged++;
        continue;
      }
      map.set(key, clone(row));
      this.state.touchLinks(...endsOf(row));
      if (existing) result.updated++;
      else result.created++;
    }
    return result;
  }
}

/** `rows` mapped by `toSeqs`, in batches of `batchSize` (the last one shorter). */
function* inBatches<Row, T>(rows: Iterable<Row>, batchSize: number, toSeqs: (row: Row) => T): Generator<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(toSeqs(row));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
