/**
 * An influence ranking as a table (GET /v1/influence/top, or a community's members ranked the
 * same way): rank, person, score, band and the points the population would lose under the shock `own-score-to-0` of each.
 */
import type { InfluenceTop } from '../api/types.js';
import { bandColour, bandLabel } from '../bands.js';
import { h } from '../dom.js';
import { formatPoints } from '../format.js';
import { swatch } from './band-legend.js';

type Ranked = Pick<InfluenceTop['persons'][number], 'rank' | 'personId' | 'score' | 'band' | 'pointsIfOwnScoreZero'>;

export function influenceTable(persons: readonly Ranked[], caption: string, testId = 'influence-table'): HTMLElement {
  return h(
    'table',
    { class: 'data', 'data-testid': testId },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, '#'), h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col', class: 'num' }, 'Score'), h('th', { scope: 'col' }, 'Band'), h('th', { scope: 'col', class: 'num' }, 'Points if own score to 0'))),
    h(
      'tbody',
      {},
      persons.map((p) =>
        h(
          'tr',
          { 'data-person-id': p.personId },
          h('td', { class: 'num' }, String(p.rank)),
          h('th', { scope: 'row' }, h('a', { href: `#/person/${encodeURIComponent(p.personId)}` }, p.personId)),
          h('td', { class: 'num' }, p.score === null ? '—' : String(p.score)),
          h('td', {}, swatch(bandColour(p.band)), bandLabel(p.band)),
          h('td', { class: 'num' }, formatPoints(p.pointsIfOwnScoreZero)),
        ),
      ),
    ),
  );
}
