/**
 * Population view: the published run (id, time, model version), the score distribution
 * (histogram and counts per band), the most systemically important persons and the riskiest
 * communities (each opens its community view), and "Find persons" by id prefix and filters.
 * Each panel loads and fails on its own, so one slow answer does not blank the page.
 */
import type { Communities, InfluenceTop, PublishedRun } from '../api/types.js';
import type { AppContext, MountedView } from '../app-context.js';
import { bandColour } from '../bands.js';
import { bandLegend, swatch } from '../components/band-legend.js';
import { bandMixBar } from '../components/band-mix.js';
import { histogramChart } from '../components/histogram.js';
import { influenceTable } from '../components/influence-table.js';
import { personFinder } from '../components/person-finder.js';
import { communityHash } from '../routes.js';
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
  const findPanel = panel('find-title', 'Find persons');
  findPanel.section.classList.add('wide');
  replaceChildren(findPanel.body, personFinder(ctx));
  replaceChildren(
    container,
    h('h1', {}, 'Population'),
    h('div', { class: 'grid' }, findPanel.section, runPanel.section, distributionPanel.section, influencePanel.section, communitiesPanel.section),
  );

  void load(ctx, runPanel.body, 'the published run', () => ctx.api.get<PublishedRun>('/v1/runs/published?binWidth=25'), (run) => {
    replaceChildren(runPanel.body, runSummary(run));
    replaceChildren(distributionPanel.body, distribution(run));
  }, distributionPanel.body);
  void load(ctx, influencePanel.body, 'the most important persons', () => ctx.api.get<InfluenceTop>('/v1/influence/top?limit=10'), (top) =>
    replaceChildren(influencePanel.body, top.persons.length ? influenceTable(top.persons, 'Points the population would lose if the person defaulted') : emptyState('Nobody in the published run has contacts.')),
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
            h('th', { scope: 'row', class: 'num' }, h('a', { href: communityHash(c.id), 'aria-label': `Community ${c.id}` }, `#${c.id}`)),
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
