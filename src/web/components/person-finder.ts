/**
 * "Find persons" on the population view: id prefix, bands, score range, community and
 * verification, checked here before they are sent (the API checks them again), and the results
 * table (person-results.ts).
 */
import type { AppContext } from '../app-context.js';
import { BANDS } from '../bands.js';
import { h, replaceChildren } from '../dom.js';
import type { PersonFilters } from '../search-query.js';
import { personResults } from './person-results.js';
import { swatch } from './band-legend.js';

const SCORE = { min: 350, max: 950 };

export function personFinder(ctx: AppContext): HTMLElement {
  const idPrefix = h('input', { id: 'find-id', name: 'idPrefix', type: 'search', autocomplete: 'off', spellcheck: 'false', maxlength: 128 });
  const bands = BANDS.map((band) => h('input', { type: 'checkbox', name: 'band', value: band.id, id: `find-band-${band.id}` }));
  const minScore = h('input', { id: 'find-min', name: 'minScore', type: 'number', min: SCORE.min, max: SCORE.max, step: 1, placeholder: String(SCORE.min) });
  const maxScore = h('input', { id: 'find-max', name: 'maxScore', type: 'number', min: SCORE.min, max: SCORE.max, step: 1, placeholder: String(SCORE.max) });
  const community = h('input', { id: 'find-community', name: 'community', type: 'number', min: 0, step: 1 });
  const verified = h('select', { id: 'find-verified', name: 'verified' }, h('option', { value: '' }, 'Any'), h('option', { value: 'true' }, 'Verified'), h('option', { value: 'false' }, 'Not verified'));
  // Hidden while empty, so an empty alert never stands in for a real one.
  const error = h('p', { class: 'field-error', id: 'find-error', role: 'alert', hidden: true });
  const results = h('div', { 'data-testid': 'find-results' });
  const form = h(
    'form',
    { class: 'search finder', role: 'search', 'aria-label': 'Find persons', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'find-id' }, 'Id starts with'), idPrefix),
    h(
      'fieldset',
      { class: 'bands' },
      h('legend', {}, 'Bands'),
      BANDS.map((band, k) => h('label', { for: `find-band-${band.id}` }, bands[k]!, swatch(band.colour), band.label)),
    ),
    h('div', { class: 'field' }, h('label', { for: 'find-min' }, 'Score from'), minScore),
    h('div', { class: 'field' }, h('label', { for: 'find-max' }, 'Score to'), maxScore),
    h('div', { class: 'field' }, h('label', { for: 'find-community' }, 'Community'), community),
    h('div', { class: 'field' }, h('label', { for: 'find-verified' }, 'Identity'), verified),
    h('button', { type: 'submit', class: 'primary' }, 'Find'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const filters = readFilters();
    if (typeof filters === 'string') {
      error.textContent = filters;
      error.hidden = false;
      replaceChildren(results);
      return;
    }
    error.textContent = '';
    error.hidden = true;
    replaceChildren(results, personResults(ctx, filters, { noun: 'persons', testId: 'found-persons' }));
  });

  /** The filters, or what is wrong with them. */
  function readFilters(): PersonFilters | string {
    const number = (input: HTMLInputElement) => (input.value.trim() === '' ? undefined : Number(input.value));
    const min = number(minScore);
    const max = number(maxScore);
    const id = number(community);
    for (const [value, what] of [[min, 'Score from'], [max, 'Score to']] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= SCORE.min && value <= SCORE.max)) return `${what} must be a whole number from ${SCORE.min} to ${SCORE.max}.`;
    }
    if (min !== undefined && max !== undefined && min > max) return 'Score from must not be above Score to.';
    if (id !== undefined && !(Number.isInteger(id) && id >= 0)) return 'Community must be a community number, e.g. 30.';
    return {
      idPrefix: idPrefix.value.trim() || undefined,
      bands: bands.filter((box) => box.checked).map((box) => box.value),
      minScore: min,
      maxScore: max,
      community: id,
      verified: verified.value === '' ? undefined : verified.value === 'true',
    };
  }

  return h('div', {}, form, error, results);
}
