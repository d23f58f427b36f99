/**
 * What a store holds, as counts and one SHA-256 over its content — persons (with their seq),
 * friendships, transactions and events, each sorted — so two imports can be compared for "the
 * same end state". Write times (`updatedAt`, dirty marks) are not part of it: they differ between
 * any two imports.
 */
import { createHash } from 'node:crypto';
import type { Store, StoreCounts } from '../../src/store/store.js';
import { friendshipRowsOf, transactionRowsOf } from './edge-rows.js';

export interface StoreDigest {
  counts: StoreCounts;
  /** Rows read back per kind (a duplicate edge or event would show up here, not only in counts). */
  rows: { persons: number; friendships: number; transactions: number; events: number };
  sha256: string;
}

const BATCH = 10_000;

export async function digestStore(store: Store): Promise<StoreDigest> {
  const bound = await store.seqBound();
  const persons: string[] = [];
  const events: string[] = [];
  for (let from = 0; from < bound; from += BATCH) {
    const to = Math.min(bound, from + BATCH);
    const [batch, eventsInSeqRange] = await Promise.all([store.personsInSeqRange(from, to), store.eventsInSeqRange(from, to)]);
    for (const person of batch) persons.push(canonical(person));
    for (const [seq, list] of eventsInSeqRange) for (const event of list) events.push(canonical({ seq, ...event }));
  }
  const friendships: string[] = [];
  for await (const batch of store.friendshipBatches(BATCH)) for (const row of friendshipRowsOf(batch)) friendships.push(canonical(row));
  const transactions: string[] = [];
  for await (const batch of store.transactionBatches(BATCH)) for (const row of transactionRowsOf(batch)) transactions.push(canonical(row));

  const hash = createHash('sha256');
  for (const [name, list] of Object.entries({ persons, friendships, transactions, events })) {
    hash.update(`${name}\n`);
    for (const line of list.sort()) hash.update(`${line}\n`);
  }
  return {
    counts: await store.counts(),
    rows: { persons: persons.length, friendships: friendships.length, transactions: transactions.length, events: events.length },
    sha256: hash.digest('hex'),
  };
}

/** JSON with keys in a fixed order, so equal records give equal lines. */
function canonical(record: object): string {
  const entries = Object.entries(record).filter(([, value]) => value !== undefined).sort(([x], [y]) => (x < y ? -1 : 1));
  return JSON.stringify(Object.fromEntries(entries));
}
