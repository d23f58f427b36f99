/**
 * Edge rows → the column batches the edges port streams (ports/edges.ts), stored date strings
 * becoming day numbers (score/dates.ts's `dayNumber`, which parses each distinct date once).
 */
import { dayNumber } from '../score/index.js';
import type { FriendshipColumns, SeqFriendship, SeqTransaction, TransactionColumns } from './ports/edges.js';

/** Edge rows as column batches. */
export const edgeColumns = {
  friendships(rows: readonly SeqFriendship[]): FriendshipColumns {
    const m = rows.length;
    const columns = { a: new Int32Array(m), b: new Int32Array(m), sinceDay: new Int32Array(m), interactions: new Float64Array(m) };
    for (let k = 0; k < m; k++) {
      const row = rows[k]!;
      columns.a[k] = row.a;
      columns.b[k] = row.b;
      columns.sinceDay[k] = dayNumber(row.since);
      columns.interactions[k] = row.interactions;
    }
    return columns;
  },

  transactions(rows: readonly SeqTransaction[]): TransactionColumns {
    const m = rows.length;
    const columns = { from: new Int32Array(m), to: new Int32Array(m), count: new Float64Array(m), amount: new Float64Array(m), lastAtDay: new Int32Array(m) };
    for (let k = 0; k < m; k++) {
      const row = rows[k]!;
      columns.from[k] = row.from;
      columns.to[k] = row.to;
      columns.count[k] = row.count;
      columns.amount[k] = row.amount;
      columns.lastAtDay[k] = dayNumber(row.lastAt);
    }
    return columns;
  },
};
