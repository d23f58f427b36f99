/**
 * The persons a search finds (GET /v1/persons), as a table that grows a page at a time: "Show
 * more" follows the API's cursor. The API reads a bounded number of candidates per call, so a
 * selective filter can answer short pages: a page here follows the cursor a few calls until it
 * holds PAGE persons or the search is finished. Says how many are shown, and of how many when
 * the total is known (a community's size).
 */
import { ApiError } from '../api/client.js';
import type { FoundPerson, PersonSearch } from '../api/types.js';
import type { AppContext } from '../app-context.js';
import { bandColour, bandLabel } from '../bands.js';
import { h, replaceChildren } from '../dom.js';
import { formatCount } from '../format.js';
import { personHash } from '../routes.js';
import { searchQuery, type PersonFilters } from '../search-query.js';
import { emptyState, errorState, loadingState } from '../status.js';
import { swatch } from './band-legend.js';

/** Persons a page of the table adds. */
const PAGE = 50;
/** API calls one page may take at most (each reads a bounded number of candidates). */
const CALLS_PER_PAGE = 8;

export interface PersonResultsOptions {
  /** What the persons are, for the count line: "persons", "members". */
  noun: string;
  /** How many there are in all, when known (a community's size). */
  total?: number;
  testId: string;
}

export function personResults(ctx: AppContext, filters: PersonFilters, options: PersonResultsOptions): HTMLElement {
  const status = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': `${options.testId}-count` });
  const body = h('tbody', {});
  const table = h(
    'table',
    { class: 'data', 'data-testid': options.testId },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col', class: 'num' }, 'Score'), h('th', { scope: 'col' }, 'Band'), h('th', { scope: 'col' }, 'Verified'))),
    body,
  );
  const more = h('button', { type: 'button', 'data-testid': `${options.testId}-more` }, 'Show more');
  const state = h('div', {});
  const element = h('div', { class: 'person-results' }, status, h('div', { class: 'table-scroll' }, table), state, more);
  let shown = 0;
  let cursor: string | undefined;

  const load = async (): Promise<void> => {
    more.hidden = true;
    replaceChildren(state, loadingState(options.noun));
    try {
      const page = await fetchPage(ctx, filters, cursor);
      cursor = page.nextCursor;
      body.append(...page.persons.map(row));
      shown += page.persons.length;
      replaceChildren(state, shown === 0 && !cursor ? emptyState(`No ${options.noun} match.`) : null);
      const of = options.total === undefined ? '' : ` of ${formatCount(options.total)}`;
      status.textContent = `Showing ${formatCount(shown)}${of} ${options.noun}${cursor ? ' (more match)' : ''}.`;
      more.hidden = !cursor;
      ctx.announce(status.textContent);
    } catch (error) {
      ctx.handleError(error);
      replaceChildren(state, errorState(error, error instanceof ApiError && error.kind === 'not-found' ? 'such community in the published run' : undefined));
    }
  };
  more.addEventListener('click', () => void load());
  void load();
  return element;
}

async function fetchPage(ctx: AppContext, filters: PersonFilters, cursor: string | undefined): Promise<{ persons: FoundPerson[]; nextCursor: string | undefined }> {
  const persons: FoundPerson[] = [];
  let next = cursor;
  for (let call = 0; call < CALLS_PER_PAGE; call++) {
    const page = await ctx.api.get<PersonSearch>(`/v1/persons?${searchQuery(filters, PAGE - persons.length, next)}`);
    persons.push(...page.persons);
    next = page.nextCursor ?? undefined;
    if (!next || persons.length >= PAGE) break;
  }
  return { persons, nextCursor: next };
}

function row(person: FoundPerson): HTMLElement {
  return h(
    'tr',
    { 'data-person-id': person.personId },
    h('th', { scope: 'row' }, h('a', { href: personHash({ personId: person.personId, depth: 1, maxNodes: 50 }) }, person.personId)),
    h('td', { class: 'num' }, String(person.score)),
    h('td', {}, swatch(bandColour(person.band)), bandLabel(person.band)),
    h('td', {}, person.verified === null ? 'unknown' : person.verified ? 'yes' : 'no'),
  );
}
