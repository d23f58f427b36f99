/** The key of the line colours: what links two persons (edge-kinds.ts). */
import type { EdgeKind } from '../api/types.js';
import { h } from '../dom.js';
import { EDGE_KIND_STYLE } from './edge-kinds.js';

/** The legend of the kinds present in the drawing. */
export function edgeLegend(kinds: ReadonlySet<EdgeKind | 'unknown'>): HTMLElement {
  const order = ['friendship', 'payment', 'both', 'unknown'] as const;
  return h(
    'ul',
    { class: 'legend edge-legend', 'aria-label': 'Line colours: what links two persons', 'data-testid': 'edge-legend' },
    order
      .filter((kind) => kinds.has(kind))
      .map((kind) => {
        const line = h('span', { class: 'edge-swatch', 'aria-hidden': 'true' });
        line.style.backgroundColor = EDGE_KIND_STYLE[kind].colour;
        return h('li', { 'data-kind': kind }, line, EDGE_KIND_STYLE[kind].label);
      }),
  );
}
