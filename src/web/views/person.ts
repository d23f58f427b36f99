/**
 * Person view: search a person by id and open their network (depth 1 or 2, at most N persons);
 * person-session.ts draws it, shows the picked node and runs the what-if.
 */
import type { AppContext, MountedView } from '../app-context.js';
import { h, replaceChildren } from '../dom.js';
import { personHash, type PersonRoute } from '../routes.js';
import { emptyState } from '../status.js';
import { PersonSession } from './person-session.js';

const MAX_NODES_CHOICES = [25, 50, 100, 200];

export function mountPerson(container: HTMLElement, ctx: AppContext, route: PersonRoute): MountedView {
  const input = h('input', { id: 'person-id', name: 'person', type: 'search', required: true, autocomplete: 'off', spellcheck: 'false', value: route.personId ?? '', 'aria-describedby': 'person-id-hint' });
  const depth = h('select', { id: 'depth', name: 'depth' }, h('option', { value: '1' }, '1 — contacts'), h('option', { value: '2' }, '2 — contacts of contacts'));
  depth.value = String(route.depth);
  // A link may ask for a size the menu does not offer: offer it too, so the menu shows what is drawn.
  const sizes = [...new Set([...MAX_NODES_CHOICES, route.maxNodes])].sort((a, b) => a - b);
  const maxNodes = h('select', { id: 'max-nodes', name: 'max' }, sizes.map((n) => h('option', { value: n }, String(n))));
  maxNodes.value = String(route.maxNodes);
  const form = h(
    'form',
    { class: 'search', role: 'search', 'aria-label': 'Find a person' },
    h('div', { class: 'field' }, h('label', { for: 'person-id' }, 'Person id'), input, h('small', { id: 'person-id-hint' }, 'e.g. p0042')),
    h('div', { class: 'field' }, h('label', { for: 'depth' }, 'Depth'), depth),
    h('div', { class: 'field' }, h('label', { for: 'max-nodes' }, 'At most'), maxNodes),
    h('button', { type: 'submit', class: 'primary' }, 'Show network'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const personId = input.value.trim();
    if (!personId) return;
    ctx.navigate(personHash({ personId, depth: depth.value === '2' ? 2 : 1, maxNodes: Number(maxNodes.value) }));
  });
  const result = h('div', { class: 'person-result' });
  replaceChildren(container, h('h1', {}, 'Person'), form, result);

  if (!route.personId) {
    replaceChildren(result, emptyState('Enter a person id to see their network, their score and what a shock to them would do.'));
    input.focus();
    return {};
  }
  const session = new PersonSession(ctx, result, { ...route, personId: route.personId });
  void session.load();
  return { unmount: () => session.destroy() };
}
