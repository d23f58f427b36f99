/**
 * The persons of the drawn network as a keyboard list (ARIA listbox with a roving focus): the
 * graph canvas cannot take focus, so this is how the keyboard and screen readers pick a node.
 * Up/Down/Home/End move, Enter or Space selects — the same as clicking the node in the graph.
 */
import { bandColour, bandLabel } from '../bands.js';
import { h } from '../dom.js';
import { formatDelta, formatPoints } from '../format.js';
import { swatch } from './band-legend.js';
import type { WhatIfOverlay } from './ego-graph.js';

/** A person in the list (the drawn graph's node). */
export interface ListedPerson {
  key: string;
  hops: number;
  score: number | null;
  band: string | null;
  influence: number;
}

export interface EgoNodeList {
  element: HTMLElement;
  /** Appends persons (after a node was expanded). */
  add(persons: readonly ListedPerson[]): void;
  select(key: string | undefined): void;
  showWhatIf(overlay: WhatIfOverlay | undefined): void;
}

const HOP_NAMES = ['the person', 'contact', 'contact of a contact'];

export function egoNodeList(persons: readonly ListedPerson[], options: { onSelect(key: string): void }): EgoNodeList {
  const list = h('ul', { class: 'node-list', role: 'listbox', 'aria-label': 'Persons in the network (arrow keys move, Enter opens)', 'data-testid': 'node-list' });
  const items = new Map<string, { item: HTMLElement; delta: HTMLElement }>();
  const add = (more: readonly ListedPerson[]) => {
    for (const { key, hops, score, band, influence } of more) {
      if (items.has(key)) continue;
      const k = items.size;
      const delta = h('span', { class: 'delta' });
      const item = h(
        'li',
        { role: 'option', id: `node-${k}`, tabindex: k === 0 ? 0 : -1, 'aria-selected': 'false', 'data-person-id': key, 'data-hops': hops },
        swatch(bandColour(band)),
        h('span', { class: 'node-id' }, key),
        h('span', { class: 'node-meta' }, `${score ?? '—'} ${bandLabel(band)} · ${HOP_NAMES[hops] ?? `${hops} hops`} · influence ${formatPoints(influence)}`),
        delta,
      );
      items.set(key, { item, delta });
      list.append(item);
    }
  };
  add(persons);
  const all = () => [...items.values()].map((entry) => entry.item);
  const focusItem = (item: HTMLElement | undefined) => {
    if (!item) return;
    for (const other of all()) other.tabIndex = other === item ? 0 : -1;
    item.focus();
  };
  list.addEventListener('keydown', (event) => {
    const current = (event.target as HTMLElement).closest('li');
    const elements = all();
    const index = current ? elements.indexOf(current) : -1;
    const moves: Record<string, number | undefined> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: elements.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusItem(elements[Math.max(0, Math.min(elements.length - 1, moves[event.key]!))]);
    } else if ((event.key === 'Enter' || event.key === ' ') && current) {
      event.preventDefault();
      options.onSelect(current.dataset.personId!);
    }
  });
  list.addEventListener('click', (event) => {
    const item = (event.target as HTMLElement).closest('li');
    if (item) {
      focusItem(item);
      options.onSelect(item.dataset.personId!);
    }
  });
  return {
    element: list,
    add,
    select(key) {
      for (const [id, { item }] of items) {
        item.setAttribute('aria-selected', String(id === key));
        if (id === key) {
          scrollWithin(list, item);
          for (const other of all()) other.tabIndex = other === item ? 0 : -1;
        }
      }
    },
    showWhatIf(overlay) {
      for (const [id, { item, delta }] of items) {
        const value = overlay?.deltas.get(id);
        const shocked = overlay?.shocked.has(id) ?? false;
        const points = value === undefined ? '' : `${formatDelta(value)} pts`;
        delta.textContent = shocked ? `shocked${points ? `, ${points}` : ''}` : points;
        item.classList.toggle('faded', overlay !== undefined && value === undefined && !shocked);
      }
    },
  };
}

/** Scrolls the list (only the list, unlike scrollIntoView, which also moves the page) to show `item`. */
function scrollWithin(list: HTMLElement, item: HTMLElement): void {
  const top = item.offsetTop - list.offsetTop;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (top + item.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + item.offsetHeight - list.clientHeight;
}
