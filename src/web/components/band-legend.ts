/** The band colour key: swatch, name and score range of every band. */
import { BANDS, NO_BAND_COLOUR } from '../bands.js';
import { h } from '../dom.js';

export function bandLegend(options: { withNoScore?: boolean } = {}): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Band colours' },
    BANDS.map((band) => h('li', {}, swatch(band.colour), `${band.label} ${band.min}–${band.max}`)),
    options.withNoScore ? h('li', {}, swatch(NO_BAND_COLOUR), 'No score') : null,
  );
}

export function swatch(colour: string): HTMLElement {
  const element = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  element.style.backgroundColor = colour;
  return element;
}
