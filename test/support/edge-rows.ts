/**
 * The edges port's column batches back as rows with ISO dates, so tests compare edges as they
 * were written. Each batch stays a batch (tests check batch sizes too).
 */
import type { EdgePort, FriendshipColumns, SeqFriendship, SeqTransaction, TransactionColumns } from '../../src/store/store.js';

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export function friendshipRowsOf(columns: FriendshipColumns): SeqFriendship[] {
  return Array.from(columns.a, (a, k) => ({ a, b: columns.b[k]!, since: isoDay(columns.sinceDay[k]!), interactions: columns.interactions[k]! }));
}

export function transactionRowsOf(columns: TransactionColumns): SeqTransaction[] {
  return Array.from(columns.from, (from, k) => ({
    from,
    to: columns.to[k]!,
    count: columns.count[k]!,
    amount: columns.amount[k]!,
    lastAt: isoDay(columns.lastAtDay[k]!),
  }));
}

/** Every batch of friendships, as rows. */
export async function friendshipBatchRows(batches: AsyncIterable<FriendshipColumns>): Promise<SeqFriendship[][]> {
  const out: SeqFriendship[][] = [];
  for await (const batch of batches) out.push(friendshipRowsOf(batch));
  return out;
}

/** Every batch of transaction aggregates, as rows. */
export async function transactionBatchRows(batches: AsyncIterable<TransactionColumns>): Promise<SeqTransaction[][]> {
  const out: SeqTransaction[][] = [];
  for await (const batch of batches) out.push(transactionRowsOf(batch));
  return out;
}

/** The seqs linked to `seq` by a friendship or a payment either way. */
export async function contactSeqsOf(store: Pick<EdgePort, 'friendshipBatches' | 'transactionBatches'>, seq: number): Promise<number[]> {
  const seqs = new Set<number>();
  for (const f of (await friendshipBatchRows(store.friendshipBatches(10_000))).flat()) if (f.a === seq || f.b === seq) seqs.add(f.a === seq ? f.b : f.a);
  for (const t of (await transactionBatchRows(store.transactionBatches(10_000))).flat()) if (t.from === seq || t.to === seq) seqs.add(t.from === seq ? t.to : t.from);
  return [...seqs];
}
