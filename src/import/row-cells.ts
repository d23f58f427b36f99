/**
 * A CSV row's cells into a record: the schemas of row-schemas.ts decide, and a fast path spares
 * them the rows a clean export is made of. The fast path takes a row only when every cell is
 * written in a plain form the schema accepts with the same result (an id of printable ASCII, a
 * date `YYYY-MM-DD`, a decimal without sign or exponent, `true`/`false`/`1`/`0`, an empty optional
 * cell); at the first cell it is not sure of, the whole row goes to the schema, which gives the
 * verdict and the message. So the rules stay in one place, the schema, and the fast path can only
 * be too cautious, never more lenient: test/unit/import/row-cells.test.ts checks that whatever it
 * takes, the schema takes the same way, on generated rows.
 */
import type { Outcome } from '../domain/outcomes.js';
import { EVENT_KINDS, SEXES, type CreditEvent, type EventKind, type Friendship, type Person, type Sex, type Transaction } from '../domain/records.js';
import { DATA_FILES, parseRow, type DataFileKind, type RowResult } from './row-schemas.js';

/** Reads one row's cells (in the file's column order) into a record, or says why it cannot. */
export type CellsReader = (cells: readonly string[]) => RowResult<unknown>;

/** Thrown by a fast-path cell reader when the schema must decide. */
const UNSURE = Symbol('unsure');

/** A cell by column name: undefined when the file has no such column. */
type Cells = (name: string) => string | undefined;

/**
 * The reader of rows with `columns` (a checked header) in a file of `kind`.
 *
 * @example
 * const read = cellsReader('friendships', ['a', 'b', 'since']);
 * read(['p1', 'p2', '2020-01-01']);  // { ok: true, value: { a: 'p1', b: 'p2', since: '2020-01-01', interactions: 0 } }
 * read(['p1', 'p1', '2020-01-01']);  // { ok: false, reason: 'b: a person cannot befriend themselves' }
 */
export function cellsReader(kind: DataFileKind, columns: readonly string[]): CellsReader {
  const schema = DATA_FILES[kind].schema;
  const fast = fastPath(kind, columns);
  return (cells) => {
    try {
      return { ok: true, value: fast(cells) };
    } catch (error) {
      if (error !== UNSURE) throw error;
      const raw: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) raw[columns[i]!] = cells[i]!;
      return parseRow(schema as never, raw);
    }
  };
}

/** The fast path of a file's rows: a row's record, or UNSURE thrown. */
function fastPath(kind: DataFileKind, columns: readonly string[]): (cells: readonly string[]) => unknown {
  const read = FAST[kind];
  const index = new Map(columns.map((name, i) => [name, i]));
  return (cells) => read((name) => {
    const at = index.get(name);
    return at === undefined ? undefined : cells[at];
  });
}

/** The fast path alone (for the test): the record, or UNSURE_RESULT when the schema must decide. */
export function fastRecord(kind: DataFileKind, columns: readonly string[], cells: readonly string[]): unknown {
  try {
    return fastPath(kind, columns)(cells);
  } catch (error) {
    if (error === UNSURE) return UNSURE_RESULT;
    throw error;
  }
}
export const UNSURE_RESULT = 'unsure';

const FAST: Record<DataFileKind, (cell: Cells) => unknown> = {
  persons: (cell): Person => {
    const person: Person = { id: id(cell('id')) };
    set(person, 'verified', optional(cell('verified'), flag));
    set(person, 'accountCreated', optional(cell('account_created'), date));
    set(person, 'incomeMonthly', optional(cell('income_monthly'), money));
    set(person, 'debtMonthly', optional(cell('debt_monthly'), money));
    set(person, 'assets', optional(cell('assets'), money));
    set(person, 'billsOnTimeRatio', optional(cell('bills_on_time_ratio'), ratio));
    set(person, 'activityRegularity', optional(cell('activity_regularity'), ratio));
    set(person, 'addressChanges', optional(cell('address_changes'), (text) => whole(text, 0, 1e9)));
    set(person, 'birthYear', optional(cell('birth_year'), (text) => whole(text, 1900, 2100)));
    set(person, 'sex', optional(cell('sex'), (text) => oneOf<Sex>(text, SEXES)));
    return person;
  },
  friendships: (cell): Friendship => {
    const a = id(cell('a'));
    const b = id(cell('b'));
    if (a === b) throw UNSURE;
    return { a, b, since: date(cell('since')), interactions: optional(cell('interactions'), (text) => whole(text, 0, 1e9)) ?? 0 };
  },
  transactions: (cell): Transaction => {
    const from = id(cell('from'));
    const to = id(cell('to'));
    if (from === to) throw UNSURE;
    return { from, to, count: whole(cell('count'), 1, 1e9), amount: money(cell('amount')), lastAt: date(cell('last_at')) };
  },
  events: (cell): CreditEvent => {
    if (optional(cell('until'), date) !== undefined) throw UNSURE; // rare: a listing with an end date
    return {
      id: id(cell('id')),
      personId: id(cell('person_id')),
      kind: oneOf<EventKind>(cell('kind'), EVENT_KINDS),
      at: date(cell('at')),
      amount: money(cell('amount')),
      source: untrimmed(cell('source')),
      status: 'active',
    };
  },
  outcomes: (cell): Outcome => ({ personId: id(cell('person_id')), defaulted: flag(cell('defaulted')) }),
};

function set<T extends object, K extends keyof T>(record: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) record[key] = value;
}

/** An empty cell or a missing column is unknown; anything else must be a plain `read` value. */
function optional<T>(text: string | undefined, read: (text: string) => T): T | undefined {
  return text === undefined || text === '' ? undefined : read(text);
}

/** 1–128 characters of printable ASCII without spaces: nothing to trim, no control character. */
function id(text: string | undefined): string {
  if (text === undefined || text.length < 1 || text.length > 128) throw UNSURE;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) throw UNSURE;
  }
  return text;
}

/** 1–128 characters whose first and last are printable ASCII without spaces (trimming changes nothing). */
function untrimmed(text: string | undefined): string {
  if (text === undefined || text.length < 1 || text.length > 128) throw UNSURE;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first < 0x21 || first > 0x7e || last < 0x21 || last > 0x7e) throw UNSURE;
  return text;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digit = (text: string, at: number): number => {
  const d = text.charCodeAt(at) - 0x30;
  if (d < 0 || d > 9) throw UNSURE;
  return d;
};

/** `YYYY-MM-DD`, a calendar date in 1900–2199. */
function date(text: string | undefined): string {
  if (text === undefined || text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) throw UNSURE;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) throw UNSURE;
  return text;
}

const DECIMAL = /^\d{1,15}(?:\.\d{1,15})?$/;
const WHOLE = /^\d{1,10}$/;

function decimal(text: string | undefined, max: number): number {
  if (text === undefined || !DECIMAL.test(text)) throw UNSURE;
  const value = Number(text);
  if (value > max) throw UNSURE;
  return value;
}

const money = (text: string | undefined): number => decimal(text, 1e12);
const ratio = (text: string): number => decimal(text, 1);

function whole(text: string | undefined, min: number, max: number): number {
  if (text === undefined || !WHOLE.test(text)) throw UNSURE;
  const value = Number(text);
  if (value < min || value > max) throw UNSURE;
  return value;
}

function flag(text: string | undefined): boolean {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw UNSURE;
}

function oneOf<T extends string>(text: string | undefined, values: readonly T[]): T {
  if (!values.includes(text as T)) throw UNSURE;
  return text as T;
}
