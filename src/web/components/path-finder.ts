/**
 * "Strongest-tie path": two person ids (by default the opened person and the one picked) and the
 * chain of contacts along which a shock to the first reaches the second most strongly
 * (GET /v1/paths/strongest, a logged read of each person on it), drawn over the graph and listed
 * step by step with each tie's share.
 */
import type { StrongestTiePath } from '../api/types.js';
import type { AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom.js';
import { errorState, loadingState } from '../status.js';

export interface PathFinder {
  element: HTMLElement;
  /** Puts a person in the "to" field (the node picked). */
  setTarget(personId: string): void;
}

export function pathFinder(ctx: AppContext, from: string, options: { onPath(path: StrongestTiePath | undefined): void }): PathFinder {
  const fromInput = h('input', { id: 'path-from', type: 'text', value: from, autocomplete: 'off', spellcheck: 'false', required: true });
  const toInput = h('input', { id: 'path-to', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true });
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'path-result' });
  const clear = h('button', { type: 'button', hidden: true }, 'Clear path');
  clear.addEventListener('click', () => {
    options.onPath(undefined);
    replaceChildren(result);
    clear.hidden = true;
  });
  const form = h(
    'form',
    { class: 'path-finder', 'aria-label': 'Strongest-tie path' },
    h('div', { class: 'field' }, h('label', { for: 'path-from' }, 'From'), fromInput),
    h('div', { class: 'field' }, h('label', { for: 'path-to' }, 'To'), toInput),
    h('button', { type: 'submit', 'data-testid': 'find-path' }, 'Find strongest path'),
    clear,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void find(fromInput.value.trim(), toInput.value.trim());
  });

  async function find(a: string, b: string): Promise<void> {
    if (!a || !b) return;
    replaceChildren(result, loadingState(`the strongest path from ${a} to ${b}`));
    try {
      const path = await ctx.api.get<StrongestTiePath>(`/v1/paths/strongest?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}`);
      options.onPath(path.found ? path : undefined);
      clear.hidden = !path.found;
      replaceChildren(
        result,
        path.found
          ? [
              h('p', { class: 'muted' }, `${path.hops} hop${path.hops === 1 ? '' : 's'}; the shares multiply to ${path.strength.toPrecision(3)}. Each step: the previous person's share in this person's network value.`),
              h(
                'ol',
                { class: 'path-steps', 'data-testid': 'path-steps' },
                path.steps.map((step) =>
                  h('li', { 'data-person-id': step.personId }, h('strong', {}, step.personId), ` ${step.score ?? '—'}`, step.shareOfPrevious === null ? '' : h('span', { class: 'muted' }, ` · share ${(step.shareOfPrevious * 100).toFixed(1)}%`)),
                ),
              ),
            ]
          : h('p', { class: 'muted' }, `No chain of contacts links ${a} to ${b}.`),
      );
      ctx.announce(path.found ? `Strongest path from ${a} to ${b}: ${path.hops} hops.` : `No path from ${a} to ${b}.`);
    } catch (error) {
      ctx.handleError(error);
      replaceChildren(result, errorState(error, 'such person in the published run'));
    }
  }

  return {
    element: h('section', { class: 'path-section', 'aria-labelledby': 'path-title' }, h('h3', { id: 'path-title' }, 'Strongest-tie path'), form, result),
    setTarget(personId) {
      if (personId !== fromInput.value) toInput.value = personId;
    },
  };
}
