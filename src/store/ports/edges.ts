/**
 * The edges port: the contacts — friendships (one per unordered pair) and transaction aggregates
 * (one per ordered payer–payee pair) — written by person id and read back with both ends as
 * seqs, for the CSR snapshot. Writes do not check that the persons exist: the importer does that
 * first, so a batch is never half-applied.
 */
import type { Friendship, Transaction } from '../../domain/records.js';
import type { MethodSet } from './port-methods.js';
import type { UpsertResult } from './upsert-result.js';

/** A friendship with both ends as sequence numbers. */
export interface SeqFriendship {
  a: number;
  b: number;
  since: string;
  interactions: number;
}

/** A transaction aggregate with both ends as sequence numbers. */
export interface SeqTransaction {
  from: number;
  to: number;
  count: number;
  amount: number;
  lastAt: string;
}

/**
 * A batch of friendships as columns, for the CSR snapshot: both ends as seqs, `since` as a day
 * number (days since 1970-01-01, score/dates.ts's `dayNumber`).
 */
export interface FriendshipColumns {
  a: Int32Array;
  b: Int32Array;
  sinceDay: Int32Array;
  interactions: Float64Array;
}

/** A batch of transaction aggregates as columns: ends as seqs, `lastAt` as a day number. */
export interface TransactionColumns {
  from: Int32Array;
  to: Int32Array;
  count: Float64Array;
  amount: Float64Array;
  lastAtDay: Int32Array;
}

export interface EdgePort {
  /** Inserts or updates friendships; (a, b) and (b, a) are the same friendship. */
  upsertFriendships(rows: readonly Friendship[]): Promise<UpsertResult>;
  /** Inserts or updates transaction aggregates keyed by the ordered pair (from, to). */
  upsertTransactions(rows: readonly Transaction[]): Promise<UpsertResult>;
  /**
   * Every friendship, in column batches of at most `batchSize` (order unspecified).
   *
   * @throws RangeError when a stored `since` is not a `YYYY-MM-DD` date.
   */
  friendshipBatches(batchSize: number): AsyncIterable<FriendshipColumns>;
  /**
   * Every transaction aggregate, in column batches of at most `batchSize` (order unspecified).
   *
   * @throws RangeError when a stored `lastAt` is not a `YYYY-MM-DD` date.
   */
  transactionBatches(batchSize: number): AsyncIterable<TransactionColumns>;
  /** The friendships with at least one end in `seqs`, each once (order unspecified). */
  friendshipsTouchingSeqs(seqs: readonly number[]): Promise<SeqFriendship[]>;
  /** The transaction aggregates with payer or payee in `seqs`, each once (order unspecified). */
  transactionsTouchingSeqs(seqs: readonly number[]): Promise<SeqTransaction[]>;
}

export const EDGE_METHODS: MethodSet<EdgePort> = {
  upsertFriendships: true,
  upsertTransactions: true,
  friendshipBatches: true,
  transactionBatches: true,
  friendshipsTouchingSeqs: true,
  transactionsTouchingSeqs: true,
};
