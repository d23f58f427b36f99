/**
 * The packed edge columns of tiescore's Neo4j procedures (dev/neo4j, \`tiescore.snapshot.*\`):
 * little-endian bytes in base64 text, decoded natively into typed arrays. (Bolt byte arrays would
 * be the natural type, but the driver decodes those one byte at a time: 6 s of a 1M-person
 * SNAPSHOT, profiled.) A day of -2^31 is the procedure's "not a date".
 */
import { endianness } from 'node:os';
import type { FriendshipColumns, TransactionColumns } from '../ports/edges.js';

/** The procedure's marker for a date that is absent or not `YYYY-MM-DD`. */
const NO_DAY = -(2 ** 31);

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

function days(base64: string, field: string, edge: string): Int32Array {
  const values = int32s(base64);
  if (values.includes(NO_DAY)) throw new RangeError(`neo4j-store: a stored ${edge}'s ${field} is not a YYYY-MM-DD date`);
  return values;
}
