/**
 * The network part of an analyst's explanation, contact by contact: each contact's share of the
 * person's network value, their smoothed score and the points they bring (the API's exact
 * decomposition: Σ contributions + the prior's part = the network value). Shown on request: the
 * explanation is an access-logged read of the person and of every listed contact.
 */
import type { Explanation } from '../api/types.js';
import { h } from '../dom.js';
import { formatPoints } from '../format.js';

export function contributionsTable(explanation: Explanation): HTMLElement {
  const network = explanation.network;
  if (!network.available) return h('p', { class: 'muted' }, `No network decomposition: ${network.reason ?? 'not available'}.`);
  const rows = network.contributions ?? [];
  const points = rows.reduce((sum, row) => sum + row.points, 0);
  return h(
    'div',
    { class: 'contributions', 'data-testid': 'contributions' },
    h(
      'p',
      { class: 'muted' },
      `Network value ${network.value} against a prior of ${network.prior}: ${formatPoints(network.pointsFromContacts ?? 0)} points from contacts. ` +
        `${rows.length} of ${network.contacts ?? rows.length} contacts listed, largest contribution first.`,
    ),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Contributions of contacts' },
      h(
        'table',
        { class: 'data' },
        h('caption', {}, 'Each contact\'s contribution to the network dimension'),
        h('thead', {}, h('tr', {}, ['Contact', 'Share', 'Their value', 'Points'].map((label) => h('th', { scope: 'col', class: label === 'Contact' ? null : 'num' }, label)))),
        h(
          'tbody',
          {},
          rows.map((row) =>
            h(
              'tr',
              { 'data-person-id': row.personId ?? '', 'data-points': row.points },
              h('th', { scope: 'row' }, row.personId ?? '(erased)'),
              h('td', { class: 'num' }, `${(row.share * 100).toFixed(1)}%`),
              h('td', { class: 'num' }, row.value.toFixed(3)),
              h('td', { class: 'num' }, formatPoints(row.points)),
            ),
          ),
        ),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Listed contacts'), h('td', {}), h('td', {}), h('td', { class: 'num', 'data-testid': 'contributions-points' }, formatPoints(points)))),
      ),
    ),
  );
}
