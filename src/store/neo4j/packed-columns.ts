/**
 * The packed edge columns of tiescore's Neo4j procedures (dev/neo4j, `tiescore.snapshot.*`):
 * little-endian byte arrays, which the driver hands over as Int8Array views, read as typed arrays
 * with one copy each. A day of -2^31 is the procedure's "not a date".
 */
import { endianness } from 'node:os';
import type { FriendshipColumns, TransactionColumns } from '../ports/edges.js';

/** The procedure's marker for a date that is absent or not `YYYY-MM-DD`. */
const NO_DAY = -(2 ** 31);

/** Whether this machine reads little-endian typed arrays natively (every platform Node runs on today). */
export const PACKED_COLUMNS_READABLE = endianness() === 'LE';

export interface PackedFriendships {
  start: Int8Array;
  end: Int8Array;
  day: Int8Array;
  first: Int8Array;
}

export interface PackedTransactions extends PackedFriendships {
  second: Int8Array;
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

function int32s(bytes: Int8Array): Int32Array {
  return new Int32Array(aligned(bytes));
}

function float64s(bytes: Int8Array): Float64Array {
  return new Float64Array(aligned(bytes));
}

/** The bytes in a buffer of their own (the driver's views may start at any offset). */
function aligned(bytes: Int8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function days(bytes: Int8Array, field: string, edge: string): Int32Array {
  const values = int32s(bytes);
  if (values.includes(NO_DAY)) throw new RangeError(`neo4j-store: a stored ${edge}'s ${field} is not a YYYY-MM-DD date`);
  return values;
}
