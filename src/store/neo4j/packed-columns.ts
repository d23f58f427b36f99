/**
 * The packed columns of tiescore's Neo4j procedures (dev/neo4j, `tiescore.snapshot.*`):
 * little-endian bytes in base64 text, decoded natively into typed arrays. (Bolt byte arrays would
 * be the natural type, but the driver decodes those one byte at a time: 6 s of a 1M-person
 * SNAPSHOT, profiled.) A day of -2^31 is the procedure's "not a date".
 */
import { endianness } from 'node:os';
import type { CreditEvent } from '../../domain/records.js';
import type { FriendshipColumns, TransactionColumns } from '../ports/edges.js';
import type { PersonWithEvents, StoredPerson } from '../ports/persons.js';

/** The procedure's marker for a date that is absent or not `YYYY-MM-DD`. */
const NO_DAY = -(2 ** 31);

/** The most persons, or edges, one procedure row holds (dev/neo4j SnapshotProcedures.MAX_BATCH). */
export const PACKED_MAX_BATCH = 2 ** 20;

/** Whether this machine reads little-endian typed arrays natively (every platform Node runs on today). */
export const PACKED_COLUMNS_READABLE = endianness() === 'LE';

export interface PackedFriendships {
  start: string;
  end: string;
  day: string;
  first: string;
}

export interface PackedTransactions extends PackedFriendships {
  second: string;
}

export function friendshipColumnsOf(row: PackedFriendships): FriendshipColumns {
  return { a: int32s(row.start), b: int32s(row.end), sinceDay: days(row.day, 'since', 'friendship'), interactions: float64s(row.first) };
}

export function transactionColumnsOf(row: PackedTransactions): TransactionColumns {
  return {
    from: int32s(row.start),
    to: int32s(row.end),
    count: float64s(row.first),
    amount: float64s(row.second),
    lastAtDay: days(row.day, 'lastAt', 'transaction'),
  };
}

function int32s(base64: string): Int32Array {
  const bytes = aligned(base64);
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

function float64s(base64: string): Float64Array {
  const bytes = aligned(base64);
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

/** The decoded bytes at an offset a Float64Array may start at (small buffers come from Node's shared pool). */
function aligned(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  return bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
}

/** A string column: lines, or a list (an older jar). */
type Lines = string | (string | null)[];

/** The `count` values of a string column, null for an empty line. */
function valuesOf(column: Lines, count: number): (string | null)[] {
  if (typeof column !== 'string') return column;
  if (count === 0) return [];
  const values: (string | null)[] = column.split('\n');
  if (values.length !== count) throw new RangeError(`neo4j-store: a packed column holds ${values.length} values for ${count} rows`);
  for (let k = 0; k < values.length; k++) if (values[k] === '') values[k] = null;
  return values;
}

function days(base64: string, field: string, edge: string): Int32Array {
  const values = int32s(base64);
  if (values.includes(NO_DAY)) throw new RangeError(`neo4j-store: a stored ${edge}'s ${field} is not a YYYY-MM-DD date`);
  return values;
}

/**
 * A seq range of persons with their events, as `tiescore.snapshot.persons` sends it (dev/neo4j
 * PersonBatch). The string columns are lines (one string, values joined by line feeds, an empty
 * line for null: dev/neo4j PersonColumns.lines), or lists from a jar older than that.
 */
export interface PackedPersons {
  seqs: string;
  ids: Lines;
  numbers: string;
  accountCreated: Lines;
  sex: Lines;
  eventOwners: string;
  eventIds: Lines;
  eventAmounts: string;
  eventCodes: string;
  dictionary: string[];
}

/** The `numbers` column's attributes, in its order (dev/neo4j PersonColumns.NUMBER_KEYS). */
const NUMBER_KEYS = ['verified', 'incomeMonthly', 'debtMonthly', 'assets', 'billsOnTimeRatio', 'activityRegularity', 'addressChanges', 'birthYear'] as const;
/** `verified`'s place in NUMBER_KEYS: a flag, sent as 1 or 0. */
const VERIFIED = NUMBER_KEYS.indexOf('verified');
/** The `eventCodes` column's fields, in its order (dev/neo4j PersonColumns.CODED_EVENT_KEYS). */
const CODED_EVENT_KEYS = ['kind', 'source', 'status', 'at', 'until'] as const;

/**
 * The batch's persons as stored persons (absent attributes absent, as `toStoredPerson` leaves
 * them) with their events, sorted by id as the procedure sends them.
 */
export function personsWithEventsOf(row: PackedPersons): PersonWithEvents[] {
  const seqs = int32s(row.seqs);
  const numbers = float64s(row.numbers);
  const ids = valuesOf(row.ids, seqs.length);
  const accountCreated = valuesOf(row.accountCreated, seqs.length);
  const sex = valuesOf(row.sex, seqs.length);
  const out = Array.from(seqs, (seq, i): PersonWithEvents => {
    const person: Record<string, unknown> = { seq };
    if (ids[i] != null) person.id = ids[i];
    if (accountCreated[i] != null) person.accountCreated = accountCreated[i];
    if (sex[i] != null) person.sex = sex[i];
    for (let k = 0; k < NUMBER_KEYS.length; k++) {
      const value = numbers[i * NUMBER_KEYS.length + k]!;
      if (!Number.isNaN(value)) person[NUMBER_KEYS[k]!] = k === VERIFIED ? value === 1 : value;
    }
    return { person: person as unknown as StoredPerson, events: [] };
  });
  const owners = int32s(row.eventOwners);
  const eventIds = valuesOf(row.eventIds, owners.length);
  const amounts = float64s(row.eventAmounts);
  const codes = int32s(row.eventCodes);
  const text = (j: number, k: number) => row.dictionary[codes[j * CODED_EVENT_KEYS.length + k]!];
  for (let j = 0; j < owners.length; j++) {
    const owner = out[owners[j]!]!;
    const event = { id: eventIds[j], personId: owner.person.id, kind: text(j, 0), at: text(j, 3), amount: amounts[j], source: text(j, 1), status: text(j, 2) } as CreditEvent;
    const until = text(j, 4);
    if (until !== undefined) event.until = until;
    owner.events.push(event);
  }
  return out;
}
