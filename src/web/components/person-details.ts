/**
 * One person's published score as the analyst sees it after clicking a node: score and band,
 * the five dimensions (each a 0–1 value drawn as a meter) and up to four reason codes.
 */
import type { PersonScore } from '../api/types.js';
import { bandColour, bandLabel } from '../bands.js';
import { h } from '../dom.js';
import { formatPoints } from '../format.js';
import { swatch } from './band-legend.js';

const DIMENSION_NAMES: Record<string, string> = {
  history: 'Credit history',
  behaviour: 'Behaviour',
  capacity: 'Ability to pay',
  identity: 'Identity',
  network: 'Social network',
};

export function personDetails(score: PersonScore): HTMLElement {
  return h(
    'div',
    { class: 'person-details', 'data-testid': 'person-details' },
    h(
      'p',
      { class: 'score-line' },
      h('span', { class: 'score', 'data-testid': 'person-score' }, String(score.score)),
      h('span', { class: 'band-chip' }, swatch(bandColour(score.band)), bandLabel(score.band)),
    ),
    h('p', { class: 'muted' }, `Model ${score.modelVersion}, run ${score.runId}, as of ${score.asOf}`),
    h('h4', {}, 'Dimensions'),
    h(
      'dl',
      { class: 'dimensions', 'data-testid': 'dimensions' },
      Object.entries(score.dimensions).flatMap(([dimension, value]) => [
        h('dt', {}, DIMENSION_NAMES[dimension] ?? dimension),
        h('dd', {}, h('meter', { min: 0, max: 1, value, 'aria-label': `${DIMENSION_NAMES[dimension] ?? dimension}: ${value.toFixed(2)} of 1` }), h('span', { class: 'num' }, value.toFixed(2))),
      ]),
    ),
    h('h4', {}, 'Reason codes'),
    score.reasonCodes.length
      ? h(
          'ol',
          { class: 'reasons', 'data-testid': 'reason-codes' },
          score.reasonCodes.map((reason) =>
            h('li', {}, h('code', {}, reason.code), ' ', reason.reason, reason.pointsLost === undefined ? '' : h('span', { class: 'muted' }, ` (−${formatPoints(reason.pointsLost)} points)`)),
          ),
        )
      : h('p', { class: 'muted' }, 'No factor costs this person points.'),
    score.disputedEvents.length ? h('p', { class: 'notice' }, `${score.disputedEvents.length} event(s) under open dispute.`) : null,
  );
}
