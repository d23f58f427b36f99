/**
 * The files of a first load through Neo4j's offline bulk importer (`neo4j-admin database import
 * full`): one header per file, with the labels, relationship types, property names and property
 * types the online upserts write (cypher/persons/upsert, friendships/upsert, transactions/upsert,
 * events/upsert, outcomes/upsert), so both ways of loading leave the same graph. The driver sends a
 * JavaScript number as a FLOAT, so every measured quantity is `:double`; only counters and seqs,
 * which Cypher computes from integers, are `:long`. An empty cell is an absent property.
 */
import type { Outcome } from '../../domain/outcomes.js';
import type { CreditEvent, Friendship, Person, Transaction } from '../../domain/records.js';

/** A header column: property name and its importer type (`string` when unset); `:X` columns are the importer's own. */
type Column = readonly [name: string, type?: 'long' | 'double' | 'boolean'];

const header = (columns: readonly Column[]): string => columns.map(([name, type]) => (type ? `${name}:${type}` : name)).join(',');

export const BULK_FILES = {
  persons: {
    file: 'persons.csv',
    kind: 'nodes',
    header: header([['id:ID(Person)'], ['seq', 'long'], ['verified', 'boolean'], ['accountCreated'], ['incomeMonthly', 'double'], ['debtMonthly', 'double'],
      ['assets', 'double'], ['billsOnTimeRatio', 'double'], ['activityRegularity', 'double'], ['addressChanges', 'double'], ['birthYear', 'double'], ['sex'],
      ['updatedAt'], [':LABEL']]),
  },
  events: { file: 'events.csv', kind: 'nodes', header: header([['id:ID(Event)'], ['kind'], ['at'], ['amount', 'double'], ['source'], ['until'], ['status'], ['updatedAt'], [':LABEL']]) },
  hasEvent: { file: 'has-event.csv', kind: 'relationships', header: header([[':START_ID(Person)'], [':END_ID(Event)'], [':TYPE']]) },
  friendships: { file: 'friendships.csv', kind: 'relationships', header: header([[':START_ID(Person)'], [':END_ID(Person)'], ['since'], ['interactions', 'double'], ['updatedAt'], [':TYPE']]) },
  transactions: {
    file: 'transactions.csv',
    kind: 'relationships',
    header: header([[':START_ID(Person)'], [':END_ID(Person)'], ['count', 'double'], ['amount', 'double'], ['lastAt'], ['updatedAt'], [':TYPE']]),
  },
  outcomes: { file: 'outcomes.csv', kind: 'nodes', header: header([['personId'], ['defaulted', 'boolean'], ['updatedAt'], [':LABEL']]) },
  counters: { file: 'counters.csv', kind: 'nodes', header: header([['name'], ['next', 'long'], ['value', 'long'], [':LABEL']]) },
  erasureSalt: { file: 'erasure-salt.csv', kind: 'nodes', header: header([['name'], ['salt'], [':LABEL']]) },
} as const;
export type BulkFile = keyof typeof BULK_FILES;

/** A string cell, always quoted (quotes doubled), so a comma or quote inside stays in the cell. */
const text = (value: string | undefined): string => (value === undefined ? '' : value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`);
/** A number or boolean cell: JavaScript's shortest round-trip form, which Java parses back exactly. */
const plain = (value: number | boolean | undefined): string => (value === undefined ? '' : String(value));
const line = (cells: string[]): string => `${cells.join(',')}\n`;

/** True when a cell holds a line break: the importer must then be told fields may span lines. */
export const spansLines = (value: string | undefined): boolean => value !== undefined && /[\r\n]/.test(value);

export const personLine = (p: Person, seq: number, now: string): string =>
  line([text(p.id), plain(seq), plain(p.verified), text(p.accountCreated), plain(p.incomeMonthly), plain(p.debtMonthly), plain(p.assets),
    plain(p.billsOnTimeRatio), plain(p.activityRegularity), plain(p.addressChanges), plain(p.birthYear), text(p.sex), text(now), 'Person']);

/** A friendship as stored: from the smaller id to the larger (friendships/upsert's caller normalises the same way). */
export const normalisedFriendship = (row: Friendship): Friendship => (row.a <= row.b ? row : { ...row, a: row.b, b: row.a });

export const friendshipLine = (f: Friendship, now: string): string => line([text(f.a), text(f.b), text(f.since), plain(f.interactions), text(now), 'FRIEND']);

export const transactionLine = (t: Transaction, now: string): string =>
  line([text(t.from), text(t.to), plain(t.count), plain(t.amount), text(t.lastAt), text(now), 'PAID']);

export const eventLine = (e: CreditEvent, now: string): string =>
  line([text(e.id), text(e.kind), text(e.at), plain(e.amount), text(e.source), text(e.until), text(e.status), text(now), 'Event']);

export const hasEventLine = (e: CreditEvent): string => line([text(e.personId), text(e.id), 'HAS_EVENT']);

export const outcomeLine = (o: Outcome, now: string): string => line([text(o.personId), plain(o.defaulted), text(now), 'Outcome']);

/** The `person` counter (next free seq) and the `outcomes-revision` counter, as the upserts leave them. */
export const counterLine = (name: 'person' | 'outcomes-revision', value: number): string =>
  line(name === 'person' ? [text(name), plain(value), '', 'Counter'] : [text(name), '', plain(value), 'Counter']);

export const erasureSaltLine = (salt: string): string => line([text('erasure'), text(salt), 'ErasureSalt']);
