/**
 * The what-if's affected persons as a sortable table: person, delta points, hops, score now and
 * projected. Column headers are buttons (keyboard sortable) with aria-sort on the header cell.
 * Each row keeps the API's exact numbers in data attributes; the cells show them rounded.
 */
import type { AffectedPerson } from '../api/types.js';
import { h, replaceChildren } from '../dom.js';
import { formatDelta } from '../format.js';
import { sortAffected, type AffectedColumn } from './sort-affected.js';

const COLUMNS: { key: AffectedColumn; label: string; numeric: boolean }[] = [
  { key: 'personId', label: 'Person', numeric: false },
  { key: 'deltaPoints', label: 'Δ points', numeric: true },
  { key: 'hops', label: 'Hops', numeric: true },
  { key: 'score', label: 'Score now', numeric: true },
  { key: 'projectedScore', label: 'Projected', numeric: true },
];

export function affectedTable(rows: readonly AffectedPerson[], caption: string): HTMLElement {
  // Default: the API's order (largest absolute move first), shown as "Δ points" with no aria-sort.
  let sortedBy: { column: AffectedColumn; direction: 'ascending' | 'descending' } | undefined;
  const body = h('tbody', {});
  const headers = COLUMNS.map((column) => {
    const button = h('button', { type: 'button', class: 'sort', 'data-column': column.key }, column.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }));
    const header = h('th', { scope: 'col', class: column.numeric ? 'num' : null }, button);
    button.addEventListener('click', () => {
      const direction = sortedBy?.column === column.key && sortedBy.direction === 'ascending' ? 'descending' : 'ascending';
      sortedBy = { column: column.key, direction };
      render();
    });
    return { column, header };
  });
  const render = () => {
    for (const { column, header } of headers) {
      if (sortedBy?.column === column.key) header.setAttribute('aria-sort', sortedBy.direction);
      else header.removeAttribute('aria-sort');
      header.querySelector('.sort-mark')!.textContent = sortedBy?.column === column.key ? (sortedBy.direction === 'ascending' ? ' ▲' : ' ▼') : '';
    }
    const ordered = sortedBy ? sortAffected(rows, sortedBy.column, sortedBy.direction) : rows;
    replaceChildren(
      body,
      ordered.map((row) =>
        h(
          'tr',
          { 'data-person-id': row.personId, 'data-delta': row.deltaPoints, 'data-hops': row.hops },
          h('th', { scope: 'row' }, h('a', { href: `#/person/${encodeURIComponent(row.personId)}` }, row.personId)),
          h('td', { class: `num ${row.deltaPoints < 0 ? 'down' : 'up'}` }, formatDelta(row.deltaPoints)),
          h('td', { class: 'num' }, String(row.hops)),
          h('td', { class: 'num' }, row.score === null ? '—' : String(row.score)),
          h('td', { class: 'num' }, row.projectedScore === null ? '—' : String(row.projectedScore)),
        ),
      ),
    );
  };
  render();
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Affected persons' },
    h('table', { class: 'data affected', 'data-testid': 'affected-table' }, h('caption', {}, caption), h('thead', {}, h('tr', {}, headers.map((entry) => entry.header))), body),
  );
}
