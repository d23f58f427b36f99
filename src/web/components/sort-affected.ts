/** Sorting the what-if's affected persons by a column (pure, so it is unit-tested without a DOM). */
import type { AffectedPerson } from '../api/types.js';

export type AffectedColumn = 'personId' | 'deltaPoints' | 'hops' | 'score' | 'projectedScore';

/**
 * Rows in a column's order; ties keep the given order (the API's: largest move first), and a
 * missing score sorts last either way.
 *
 * @example
 * sortAffected(rows, 'hops', 'ascending'); // hop 0, then 1, then 2, each hop largest move first
 */
export function sortAffected(rows: readonly AffectedPerson[], column: AffectedColumn, direction: 'ascending' | 'descending'): AffectedPerson[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const indexed = rows.map((row, index) => ({ row, index }));
  indexed.sort((a, b) => {
    const x = a.row[column];
    const y = b.row[column];
    if (x === y) return a.index - b.index;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  });
  return indexed.map((entry) => entry.row);
}
