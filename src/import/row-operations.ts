/**
 * What each kind of data row means for the store — which persons it names, and how a batch of
 * it is written — shared by the bulk importer and the API's batch ingestion.
 */
import type { Outcome } from '../domain/outcomes.js';
import type { CreditEvent, Friendship, Person, Transaction } from '../domain/records.js';
import type { Store, UpsertResult } from '../store/store.js';
import type { DataFileKind } from './row-schemas.js';

/** What rows are written to: a store, or anything that takes the same upserts (a bulk-load writer). */
export type RowWriter = Pick<Store, 'upsertPersons' | 'upsertFriendships' | 'upsertTransactions' | 'upsertEvents' | 'upsertOutcomes'>;

interface RowOf {
  persons: Person;
  friendships: Friendship;
  transactions: Transaction;
  events: CreditEvent;
  outcomes: Outcome;
}

const OPERATIONS: { [K in DataFileKind]: { named(row: RowOf[K]): string[]; write(store: RowWriter, rows: RowOf[K][]): Promise<UpsertResult> } } = {
  persons: { named: () => [], write: (store, rows) => store.upsertPersons(rows) },
  friendships: { named: (row) => [row.a, row.b], write: (store, rows) => store.upsertFriendships(rows) },
  transactions: { named: (row) => [row.from, row.to], write: (store, rows) => store.upsertTransactions(rows) },
  events: { named: (row) => [row.personId], write: (store, rows) => store.upsertEvents(rows) },
  outcomes: { named: (row) => [row.personId], write: (store, rows) => store.upsertOutcomes(rows) },
};

/** The persons a validated row names (none for a person row itself). */
export function personsNamed(kind: DataFileKind, row: unknown): string[] {
  return (OPERATIONS[kind].named as (row: unknown) => string[])(row);
}

/** Upserts a batch of validated rows of one kind. */
export function writeRows(store: RowWriter, kind: DataFileKind, rows: unknown[]): Promise<UpsertResult> {
  return (OPERATIONS[kind].write as (store: RowWriter, rows: unknown[]) => Promise<UpsertResult>)(store, rows);
}
