/**
 * Population view: the published run (id, time, model version), the score distribution
 * (histogram and counts per band), the most systemically important persons and the riskiest
 * communities. Each panel loads and fails on its own, so one slow answer does not blank the page.
 */
import type { Communities, InfluenceTop, PublishedRun } from '../api/types.js';
import type { AppContext, MountedView } from '../app-context.js';
import { bandColour, bandLabel, BANDS } from '../bands.js';
import { bandLegend, swatch } from '../components/band-legend.js';
import { histogramChart } from '../components/histogram.js';
import { h, replaceChildren } from '../dom.js';
import { formatCount, formatInstant, formatPercent, formatPoints } from '../format.js';
import { errorState, loadingState, emptyState } from '../status.js';
import { ApiError } from '../api/client.js';

const NO_RUN = 'No score run is published yet. An operator starts one with `tiescore recompute`; this page shows it once it is published.';

export function mountPopulation(container: HTMLElement, ctx: AppContext): MountedView {
  const runPanel = panel('run-title', 'Published run');
  const distributionPanel = panel('distribution-title', 'Score distribution');
  const influencePanel = panel('influence-title', 'Most systemically important persons');
  const communitiesPanel = panel('communities-title', 'Riskiest communities');
  replaceChildren(
    container,
    h('h1', {}, 'Population'),
    h('div', { class: 'grid' }, runPanel.section, distributionPanel.section, influencePanel.section, communitiesPanel.section),
  );

  void load(ctx, runPanel.body, 'the published run', () => ctx.api.get<PublishedRun>('/v1/runs/published?binWidth=25'), (run) => {
    replaceChildren(runPanel.body, runSummary(run));
    replaceChildren(distributionPanel.body, distribution(run));
  }, distributionPanel.body);
  void load(ctx, influencePanel.body, 'the most important persons', () => ctx.api.get<InfluenceTop>('/v1/influence/top?limit=10'), (top) =>
    replaceChildren(influencePanel.body, top.persons.length ? influenceTable(top) : emptyState('Nobody in the published run has contacts.')),
  );
  void load(ctx, communitiesPanel.body, 'the communities', () => ctx.api.get<Communities>('/v1/communities?sort=risk&limit=10'), (result) =>
    replaceChildren(communitiesPanel.body, result.communities.length ? communitiesTable(result) : emptyState('No communities found.')),
  );
  return {};
}

function panel(id: string, title: string): { section: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'panel-body', 'aria-live': 'polite' });
  return { section: h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), body), body };
}

/** Shows loading, then the answer or the error (a missing run is an empty state, not an error). */
async function load<T>(ctx: AppContext, body: HTMLElement, what: string, fetcher: () => Promise<T>, show: (value: T) => void, ...alsoBusy: HTMLElement[]): Promise<void> {
  for (const element of [body, ...alsoBusy]) replaceChildren(element, loadingState(what));
  try {
    show(await fetcher());
  } catch (error) {
    ctx.handleError(error);
    const state = error instanceof ApiError && error.kind === 'not-found' && /published/.test(error.detail) ? emptyState(NO_RUN) : errorState(error);
    for (const element of [body, ...alsoBusy]) replaceChildren(element, state.cloneNode(true));
  }
}

function runSummary(run: PublishedRun): HTMLElement {
  const rows: [string, string][] = [
    ['Run', run.runId],
    ['Published', formatInstant(run.publishedAt)],
    ['Model version', run.modelVersion],
    ['Scored as of', run.asOf],
    ['Kind', run.kind],
    ['Persons scored', formatCount(run.scored)],
    ['Mean score', run.meanScore === null ? '—' : formatPoints(run.meanScore)],
  ];
  return h('dl', { class: 'facts', 'data-testid': 'run-summary' }, rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function distribution(run: PublishedRun): HTMLElement {
  const total = run.scored || 1;
  const summary =
    `Histogram of ${formatCount(run.scored)} scores in ${run.histogram.binWidth}-point bins: ` +
    run.bands.map((band) => `${band.label} ${formatPercent(band.count / total)}`).join(', ');
  return h(
    'div',
    { class: 'distribution' },
    h('figure', {}, histogramChart(run.histogram, summary), h('figcaption', {}, `Persons per ${run.histogram.binWidth}-point bin, coloured by band.`)),
    h(
      'table',
      { class: 'data', 'data-testid': 'band-counts' },
      h('caption', {}, 'Persons per band'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Band'), h('th', { scope: 'col' }, 'Scores'), h('th', { scope: 'col', class: 'num' }, 'Persons'), h('th', { scope: 'col', class: 'num' }, 'Share'))),
      h(
        'tbody',
        {},
        run.bands.map((band) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, swatch(bandColour(band.band)), band.label),
            h('td', {}, `${band.min}–${band.max}`),
            h('td', { class: 'num' }, formatCount(band.count)),
            h('td', { class: 'num' }, formatPercent(band.count / total)),
          ),
        ),
      ),
    ),
  );
}

function personLink(personId: string): HTMLElement {
  return h('a', { href: `#/person/${encodeURIComponent(personId)}` }, personId);
}

function influenceTable(top: InfluenceTop): HTMLElement {
  return h(
    'table',
    { class: 'data', 'data-testid': 'influence-table' },
    h('caption', {}, 'Points the population would lose if the person defaulted'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, '#'), h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col', class: 'num' }, 'Score'), h('th', { scope: 'col' }, 'Band'), h('th', { scope: 'col', class: 'num' }, 'Points if default'))),
    h(
      'tbody',
      {},
      top.persons.map((p) =>
        h(
          'tr',
          {},
          h('td', { class: 'num' }, String(p.rank)),
          h('th', { scope: 'row' }, personLink(p.personId)),
          h('td', { class: 'num' }, p.score === null ? '—' : String(p.score)),
          h('td', {}, swatch(bandColour(p.band)), bandLabel(p.band)),
          h('td', { class: 'num' }, formatPoints(p.pointsIfDefault)),
        ),
      ),
    ),
  );
}

function bandMixBar(mix: Record<string, number>): HTMLElement {
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

function communitiesTable(result: Communities): HTMLElement {
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'data', 'data-testid': 'communities-table' },
      h('caption', {}, `Lowest mean score first, of ${formatCount(result.count)} communities (modularity ${result.modularity.toFixed(3)})`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, 'Community'), h('th', { scope: 'col', class: 'num' }, 'Persons'), h('th', { scope: 'col', class: 'num' }, 'Mean score'), h('th', { scope: 'col' }, 'Band mix'))),
      h(
        'tbody',
        {},
        result.communities.map((c) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row', class: 'num' }, `#${c.id}`),
            h('td', { class: 'num' }, formatCount(c.size)),
            h('td', { class: 'num' }, c.meanScore === null ? '—' : formatPoints(c.meanScore)),
            h('td', {}, bandMixBar(c.bandMix)),
          ),
        ),
      ),
    ),
    bandLegend(),
  );
}
