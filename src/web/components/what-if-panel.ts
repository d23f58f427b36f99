/**
 * The what-if: the persons shocked (chips), the shock — one of the named shocks of the API
 * (`default-event`, `own-score-to-0`, `own-score-to` a value) — and the threshold; after a run,
 * the totals header (points moved in the whole population, persons moved ≥ 1 point, band
 * changes, the same by hop: the API's `summary`, shown as it comes), the affected table and its
 * CSV download. The CSV holds exactly the rows the page fetched, each fetch access-logged by the
 * API (POST /v1/contagion/simulate logs every person of every page it answers).
 */
import { ApiError } from '../api/client.js';
import type { ContagionRequest, ContagionResult } from '../api/types.js';
import type { AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom.js';
import { formatCount, formatDelta, formatPoints } from '../format.js';
import { emptyState, errorState, loadingState } from '../status.js';
import { affectedTable } from './affected-table.js';
import { affectedCsv } from './affected-csv.js';
import type { WhatIfOverlay } from './ego-graph.js';

type ShockName = ContagionResult['shocks'][number]['shock'];

/** The page's words for the API's named shocks (src/domain/shocks.ts). */
export const SHOCK_LABELS: Record<ShockName, string> = {
  'default-event': 'A default event',
  'own-score-to-0': 'Own score to 0',
  'own-score-to': 'Own score to a value',
};

const DEFAULT_THRESHOLD = 0.1;

export interface WhatIfPanel {
  element: HTMLElement;
  shockSet: Set<string>;
  /** Shows the shock set again (after a person was added or removed elsewhere). */
  renderShockSet(): void;
}

export function whatIfPanel(ctx: AppContext, options: { onResult(overlay: WhatIfOverlay | undefined, result?: ContagionResult): void; onShockSetChange(): void }): WhatIfPanel {
  const shockSet = new Set<string>();
  const chips = h('ul', { class: 'chips', 'aria-label': 'Persons shocked in the what-if' });
  const severity = h('select', { id: 'shock', name: 'shock', 'data-testid': 'shock' }, Object.entries(SHOCK_LABELS).map(([name, label]) => h('option', { value: name }, label)));
  const ownScore = h('input', { id: 'own-score', type: 'number', min: 0, max: 1, step: 0.01, value: 0.5, 'aria-describedby': 'own-score-hint' });
  const ownScoreField = h('div', { class: 'field', hidden: true }, h('label', { for: 'own-score' }, 'New own score b'), ownScore, h('small', { id: 'own-score-hint' }, '0 (worst) to 1 (best)'));
  severity.addEventListener('change', () => {
    ownScoreField.hidden = severity.value !== 'own-score-to';
    renderShockSet();
  });
  const threshold = h('input', { id: 'threshold', type: 'number', min: 0.01, max: 100, step: 0.01, value: DEFAULT_THRESHOLD });
  const simulateButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'simulate' }, 'Simulate');
  const result = h('div', { class: 'what-if-result', 'aria-live': 'polite', 'data-testid': 'what-if-result' });

  const shockWords = () => SHOCK_LABELS[severity.value as ShockName].toLowerCase();
  function renderShockSet(): void {
    replaceChildren(
      chips,
      [...shockSet].map((id) => {
        const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${id} from the what-if` }, '×');
        remove.addEventListener('click', () => {
          shockSet.delete(id);
          renderShockSet();
          options.onShockSetChange();
        });
        return h('li', { class: 'chip' }, id, remove);
      }),
    );
    if (shockSet.size === 0) chips.append(h('li', { class: 'muted' }, 'Nobody yet: pick a person and choose "Add to the what-if".'));
    const n = shockSet.size;
    simulateButton.textContent = `Simulate ${shockWords()} of ${n === 1 ? [...shockSet][0] : `${n} persons`}`;
    simulateButton.disabled = n === 0;
  }

  async function simulate(): Promise<void> {
    const min = Number(threshold.value);
    const b = Number(ownScore.value);
    const name = severity.value as ShockName;
    if (!(min >= 0.01 && min <= 100)) return refuse('the threshold must be between 0.01 and 100 points', threshold);
    if (name === 'own-score-to' && !(b >= 0 && b <= 1)) return refuse('the new own score must be between 0 and 1', ownScore);
    const value: ContagionRequest['shocks'][number]['ownScore'] = name === 'default-event' ? 'default' : name === 'own-score-to-0' ? 0 : b;
    const shocked = [...shockSet];
    simulateButton.disabled = true;
    result.setAttribute('aria-busy', 'true');
    replaceChildren(result, loadingState('the what-if'));
    try {
      const answer = await ctx.api.simulateAll({ shocks: shocked.map((personId) => ({ personId, ownScore: value })), threshold: min });
      options.onResult({ deltas: new Map(answer.affected.map((a) => [a.personId, a.deltaPoints])), shocked: new Set(shocked) }, answer);
      showResult(answer, new Set(shocked), min);
    } catch (error) {
      ctx.handleError(error);
      replaceChildren(result, errorState(error, 'such person in the published run'));
      options.onResult(undefined);
    } finally {
      simulateButton.disabled = shockSet.size === 0;
      result.removeAttribute('aria-busy');
    }
  }

  function refuse(message: string, field: HTMLElement): void {
    replaceChildren(result, errorState(new ApiError('invalid', message)));
    field.focus();
  }

  function showResult(answer: ContagionResult, shocked: Set<string>, min: number): void {
    const own = answer.shocks.map((s) => `${s.personId} ${formatDelta(s.deltaPoints)}`).join(', ');
    const others = answer.affected.filter((a) => !shocked.has(a.personId)).length;
    const summary =
      `Shock "${SHOCK_LABELS[answer.shocks[0]!.shock].toLowerCase()}": it costs the shocked person ${own} points of their own score. ` +
      `${formatCount(answer.total)} persons move by at least ${min} points` +
      (answer.affected.length < answer.total ? ` (the first ${formatCount(answer.affected.length)} are listed)` : '') +
      `, ${formatCount(others)} of them besides the ${shocked.size === 1 ? 'person' : 'persons'} shocked.` +
      (answer.complete ? '' : ` The push stopped at its budget: moves are exact to ±${answer.errorBoundPoints} points.`);
    const download = h('button', { type: 'button', 'data-testid': 'download-csv' }, `Download the ${formatCount(answer.affected.length)} rows as CSV`);
    download.addEventListener('click', () => saveCsv(affectedCsv(answer), `what-if-${answer.runId}-${[...shocked].join('+').slice(0, 60)}.csv`));
    replaceChildren(
      result,
      totalsHeader(answer),
      h('p', { 'data-testid': 'what-if-summary' }, summary),
      answer.affected.length
        ? [h('div', { class: 'actions' }, download), affectedTable(answer.affected, `Affected persons, largest move first (run ${answer.runId})`)]
        : emptyState(`Nobody's score moves by ${min} points or more.`),
    );
    ctx.announce(`What-if done: ${answer.total} persons move by at least ${min} points; ${formatPoints(answer.summary.totalPoints)} points in all.`);
  }

  simulateButton.addEventListener('click', () => void simulate());
  const element = h(
    'section',
    { class: 'panel what-if', 'aria-labelledby': 'what-if-title' },
    h('h2', { id: 'what-if-title' }, 'What if?'),
    h('p', { class: 'muted' }, 'Shocks the listed persons\' own scores and shows whose score moves, by how much and how many hops away. "A default event" adds a default to their record today; "own score to 0" is the shock of the influence ranking.'),
    chips,
    h(
      'div',
      { class: 'what-if-controls' },
      h('div', { class: 'field' }, h('label', { for: 'shock' }, 'Shock'), severity),
      ownScoreField,
      h('div', { class: 'field' }, h('label', { for: 'threshold' }, 'Show moves of at least (points)'), threshold),
      simulateButton,
    ),
    result,
  );
  renderShockSet();
  return { element, shockSet, renderShockSet };
}

/** The API's totals, as it answered them. */
function totalsHeader(answer: ContagionResult): HTMLElement {
  const s = answer.summary;
  const figure = (label: string, value: string, testid: string) => h('div', { class: 'figure' }, h('dt', {}, label), h('dd', { 'data-testid': testid }, value));
  return h(
    'div',
    { class: 'what-if-totals', 'data-testid': 'what-if-totals' },
    h(
      'dl',
      { class: 'figures' },
      figure('Points moved in all', formatDelta(s.totalPoints, 1), 'total-points'),
      figure('Persons moved ≥ 1 point', formatCount(s.movedAtLeastOnePoint), 'moved-one-point'),
      figure('Band changes', formatCount(s.bandChanges), 'band-changes'),
      figure('Persons moved ≥ threshold', formatCount(answer.total), 'affected-total'),
    ),
    h(
      'table',
      { class: 'data by-hop', 'data-testid': 'by-hop' },
      h('caption', {}, 'By hops from the nearest shocked person'),
      h('thead', {}, h('tr', {}, ['Hops', 'Persons', 'Points', '≥ 1 point', 'Band changes'].map((label) => h('th', { scope: 'col', class: label === 'Hops' ? null : 'num' }, label)))),
      h(
        'tbody',
        {},
        s.byHop.map((row) =>
          h(
            'tr',
            { 'data-hops': row.hops },
            h('th', { scope: 'row' }, String(row.hops)),
            h('td', { class: 'num' }, formatCount(row.persons)),
            h('td', { class: 'num' }, formatDelta(row.points, 1)),
            h('td', { class: 'num' }, formatCount(row.movedAtLeastOnePoint)),
            h('td', { class: 'num' }, formatCount(row.bandChanges)),
          ),
        ),
      ),
    ),
  );
}

/** A client-side download (no new request: the rows were fetched, and logged, already). */
function saveCsv(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = h('a', { href: url, download: name.replace(/[^A-Za-z0-9_.+-]/g, '_') });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
