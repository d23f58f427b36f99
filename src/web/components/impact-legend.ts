/** The what-if's colour key: the diverging scale from the largest loss to the largest gain drawn. */
import { h } from '../dom.js';
import { formatDelta } from '../format.js';
import { swatch } from './band-legend.js';
import { IMPACT_SIZE, impactTicks } from './impact-scale.js';

export function impactLegend(maxAbs: number): HTMLElement {
  return h(
    'div',
    { class: 'impact-legend', 'data-testid': 'impact-legend' },
    h('span', { class: 'legend-title' }, 'Points moved (colour; size grows with the move):'),
    h('ul', { class: 'legend', 'aria-label': 'What-if colours: points moved' }, impactTicks(maxAbs).map((tick) => h('li', {}, swatch(tick.colour), formatDelta(tick.deltaPoints, 1)))),
    h('span', { class: 'muted' }, `Grey, small (${IMPACT_SIZE.min} px): not reached.`),
  );
}
