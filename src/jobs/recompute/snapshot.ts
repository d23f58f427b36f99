/**
 * SNAPSHOT: reads the population from the store into typed arrays — every person's own score
 * b_i (the four per-person dimensions) and the contact graph as a CSR with trust-damped edge
 * weights — ready for the network kernels. Reads persons, events and edges in batches, so the
 * memory it needs is the snapshot itself.
 */
import type { CreditEvent } from '../../domain/records.js';
import { CsrBuilder, trustArray, type Csr } from '../../graph/csr.js';
import { dayNumber, scoreOwnDimensions, type Model } from '../../score/index.js';
import type { Store } from '../../store/store.js';

export interface Snapshot {
  asOf: string;
  /** Person id by seq; `undefined` where a seq is unused. */
  ids: (string | undefined)[];
  /** b_i: own score in [0, 1] by seq; unused seqs hold the mean, so they never move μ. */
  own: Float64Array;
  /** μ: the mean own score over the persons (the network prior). */
  mu: number;
  csr: Csr;
  persons: number;
  edges: { friendships: number; transactions: number };
}

export interface SnapshotOptions {
  /** Persons read per store call (and edges per batch). Default 10,000. */
  batchSize?: number;
  /** Called after every batch; units are persons + friendships + transactions read. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * @example
 * const snapshot = await takeSnapshot(store, model, '2026-11-26');
 * snapshot.csr.nodeCount === await store.seqBound();
 */
export async function takeSnapshot(store: Store, model: Model, asOf: string, options: SnapshotOptions = {}): Promise<Snapshot> {
  const batchSize = options.batchSize ?? 10_000;
  const asOfDay = dayNumber(asOf);
  const [n, counts] = await Promise.all([store.seqBound(), store.counts()]);
  const totalUnits = n + counts.friendships + counts.transactions;
  const ids: (string | undefined)[] = new Array(n).fill(undefined);
  const own = new Float64Array(n);
  const verified = new Uint8Array(n);
  const accountAgeDays = new Float64Array(n);
  let persons = 0;

  for (let from = 0; from < n; from += batchSize) {
    const to = Math.min(n, from + batchSize);
    const [batch, events] = await Promise.all([store.personsBySeq(from, to), store.eventsBySeq(from, to)]);
    for (const person of batch) {
      ids[person.seq] = person.id;
      own[person.seq] = scoreOwnDimensions({ person, events: events.get(person.seq) ?? NO_EVENTS, asOf, model }).own;
      verified[person.seq] = person.verified ? 1 : 0;
      accountAgeDays[person.seq] = asOfDay - dayNumber(person.accountCreated);
      persons++;
    }
    options.onProgress?.(to, totalUnits);
  }

  let total = 0;
  for (let seq = 0; seq < n; seq++) if (ids[seq] !== undefined) total += own[seq]!;
  const mu = persons > 0 ? total / persons : 0;
  for (let seq = 0; seq < n; seq++) if (ids[seq] === undefined) own[seq] = mu;

  const builder = new CsrBuilder(n, {
    trust: trustArray(verified, accountAgeDays, model.network),
    params: model.network,
    initialCapacity: counts.friendships + counts.transactions,
  });
  let friendships = 0;
  for await (const batch of store.friendshipsBySeq(batchSize)) {
    builder.addFriends({
      a: batch.map((row) => row.a),
      b: batch.map((row) => row.b),
      sinceDays: batch.map((row) => asOfDay - dayNumber(row.since)),
      interactions: batch.map((row) => row.interactions),
    });
    friendships += batch.length;
    options.onProgress?.(n + friendships, totalUnits);
  }
  let transactions = 0;
  for await (const batch of store.transactionsBySeq(batchSize)) {
    builder.addPaids({
      from: batch.map((row) => row.from),
      to: batch.map((row) => row.to),
      count: batch.map((row) => row.count),
      amount: batch.map((row) => row.amount),
      lastAtDays: batch.map((row) => asOfDay - dayNumber(row.lastAt)),
    });
    transactions += batch.length;
    options.onProgress?.(n + friendships + transactions, totalUnits);
  }
  return { asOf, ids, own, mu, csr: builder.build(), persons, edges: { friendships, transactions } };
}

const NO_EVENTS: readonly CreditEvent[] = Object.freeze([]);
