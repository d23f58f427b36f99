/** A community's band mix as one stacked bar, with its counts as the accessible name and tooltips. */
import { BANDS } from '../bands.js';
import { h } from '../dom.js';

export function bandMixBar(mix: Record<string, number>): HTMLElement {
  const total = Object.values(mix).reduce((x, y) => x + y, 0) || 1;
  const text = BANDS.filter((band) => mix[band.id]).map((band) => `${band.label} ${mix[band.id]}`).join(', ');
  const bar = h('span', { class: 'mix', role: 'img', 'aria-label': text || 'no scores' });
  for (const band of BANDS) {
    const count = mix[band.id] ?? 0;
    if (!count) continue;
    const part = h('span', { title: `${band.label}: ${count}` });
    part.style.backgroundColor = band.colour;
    part.style.width = `${(100 * count) / total}%`;
    bar.append(part);
  }
  return bar;
}
