/**
 * Edge rows → the column batches the edges port streams (ports/edges.ts): the one place where a
 * stored date string becomes the day number the snapshot reads. A graph has a few thousand
 * distinct edge dates and millions of edges, so each string is parsed once (parsing every date
 * was the largest piece of SNAPSHOT's own CPU time, bench/snapshot-read.ts).
 */
import { dayNumber } from '../score/index.js';
import type { FriendshipColumns, SeqFriendship, SeqTransaction, TransactionColumns } from './ports/edges.js';

export class EdgeColumnsBuilder {
  private readonly days = new Map<string, number>();

  friendships(rows: readonly SeqFriendship[]): FriendshipColumns {
    const m = rows.length;
    const columns = { a: new Int32Array(m), b: new Int32Array(m), sinceDay: new Int32Array(m), interactions: new Float64Array(m) };
    for (let k = 0; k < m; k++) {
      const row = rows[k]!;
      columns.a[k] = row.a;
      columns.b[k] = row.b;
      columns.sinceDay[k] = this.dayOf(row.since);
      columns.interactions[k] = row.interactions;
    }
    return columns;
  }

  transactions(rows: readonly SeqTransaction[]): TransactionColumns {
    const m = rows.length;
    const columns = { from: new Int32Array(m), to: new Int32Array(m), count: new Float64Array(m), amount: new Float64Array(m), lastAtDay: new Int32Array(m) };
    for (let k = 0; k < m; k++) {
      const row = rows[k]!;
      columns.from[k] = row.from;
      columns.to[k] = row.to;
      columns.count[k] = row.count;
      columns.amount[k] = row.amount;
      columns.lastAtDay[k] = this.dayOf(row.lastAt);
    }
    return columns;
  }

  private dayOf(iso: string): number {
    let day = this.days.get(iso);
    if (day === undefined) this.days.set(iso, (day = dayNumber(iso)));
    return day;
  }
}
