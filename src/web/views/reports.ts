/**
 * Reports: the backtest of the published run (`GET /v1/reports/evaluation`) — a ROC plot of the
 * score with and without the network dimension, AUC/KS per segment with the bootstrap interval
 * of the AUC difference, default rate per band — and the fairness report
 * (`GET /v1/reports/fairness?cutoff=`, at the cut-offs the server offers): approval rate and adverse impact ratio per protected
 * group, with and without the network dimension, ratios under the threshold flagged in words.
 * A 404 means the server cannot make the report yet (no outcomes stored, no published run).
 */
import { ApiError } from '../api/client.js';
import type { EvaluationReport, FairnessReport, SegmentEvaluation } from '../api/types.js';
import type { AppContext, MountedView } from '../app-context.js';
import { bandLabel } from '../bands.js';
import { h, replaceChildren } from '../dom.js';
import { formatInstant } from '../format.js';
import { rocChart } from '../reports/roc-chart.js';
import {
  attributeLabel,
  formatDifference,
  formatInterval,
  formatMetric,
  formatPersons,
  formatRate,
  formatRatio,
  intervalExcludesZero,
  rocSummary,
} from '../reports/report-format.js';
import { emptyState, errorState, loadingState } from '../status.js';


type SegmentId = 'all' | 'thinFile';
const SEGMENTS: { id: SegmentId; label: string }[] = [
  { id: 'all', label: 'Overall' },
  { id: 'thinFile', label: 'Thin file' },
];

export function mountReports(container: HTMLElement, ctx: AppContext): MountedView {
  const evaluation = panel('evaluation', 'Model evaluation');
  const fairness = panel('fairness', 'Fairness');
  replaceChildren(container, h('h1', {}, 'Reports'), evaluation.section, fairness.section);
  let live = true;

  void (async () => {
    try {
      const report = await ctx.api.get<EvaluationReport>('/v1/reports/evaluation');
      if (live) replaceChildren(evaluation.body, evaluationView(report));
    } catch (error) {
      if (live) replaceChildren(evaluation.body, failure(ctx, error, 'Not available (no outcomes stored).'));
    }
  })();

  const stopFairness = mountFairness(fairness.body, ctx, () => live);
  return {
    unmount() {
      live = false;
      stopFairness();
    },
  };
}

function panel(id: string, title: string): { section: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'panel-body', 'aria-live': 'polite', 'data-testid': `report-${id}` }, loadingState(title.toLowerCase()));
  const section = h('section', { class: 'panel report-panel', 'aria-labelledby': `report-${id}-title` }, h('h2', { id: `report-${id}-title` }, title), body);
  return { section, body };
}

/** A 404 is "this report is not available"; anything else is the page's usual error state. */
function failure(ctx: AppContext, error: unknown, notAvailable: string): HTMLElement {
  ctx.handleError(error);
  if (error instanceof ApiError && error.kind === 'not-found') return emptyState(`${notAvailable} ${error.detail ? sentence(error.detail) : ''}`.trim());
  return errorState(error, 'report');
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.?!]$/.test(capital) ? capital : `${capital}.`;
}

// ---- Evaluation ----

function evaluationView(report: EvaluationReport): HTMLElement {
  const figure = h('figure', { class: 'report-figure' });
  const bands = h('div', {});
  const buttons = SEGMENTS.map((segment) =>
    h('button', { type: 'button', 'aria-pressed': segment.id === 'all' ? 'true' : 'false', 'data-segment': segment.id, onclick: () => show(segment.id) }, segment.label),
  );
  const show = (id: SegmentId) => {
    const segment = report.segments[id];
    const label = SEGMENTS.find((s) => s.id === id)!.label.toLowerCase();
    for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.segment === id));
    replaceChildren(
      figure,
      segment.full.roc.length || segment.withoutNetwork.roc.length
        ? rocChart(
            [
              { variant: 'full', label: `With network, AUC ${formatMetric(segment.full.auc)}`, points: segment.full.roc },
              { variant: 'without', label: `Without network, AUC ${formatMetric(segment.withoutNetwork.auc)}`, points: segment.withoutNetwork.roc },
            ],
            rocSummary(segment.full.auc, segment.withoutNetwork.auc, label),
          )
        : emptyState(`No ROC curve for the ${label} segment (it needs defaulters and non-defaulters).`),
      h('figcaption', {}, `ROC curve, ${label} (${formatPersons(segment.persons)} persons, ${formatPersons(segment.defaults)} defaults). Solid: with the network dimension; dashed: without it; dotted: chance.`),
    );
    replaceChildren(bands, bandTable(segment, label));
  };
  show('all');
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'report-note' },
      `Run ${report.runId} (model ${report.modelVersion}, as of ${formatInstant(report.asOf)}), network weight ${report.networkWeight}. `,
      `${formatPersons(report.outcomes.matched)} scored persons with an outcome; thin file: ${report.thinFile.definition}.`,
    ),
    h(
      'div',
      { class: 'report-grid' },
      h('div', {}, h('div', { class: 'segment-tabs', role: 'group', 'aria-label': 'Segment of the ROC plot and band table' }, buttons), figure),
      h('div', { class: 'report-tables' }, h('div', { class: 'table-wide' }, metricsTable(report)), bands),
    ),
  );
}

function metricsTable(report: EvaluationReport): HTMLElement {
  const confidence = report.bootstrap.confidence;
  const rows = SEGMENTS.map(({ id, label }) => {
    const segment = report.segments[id];
    const difference = segment.aucDifference;
    return h(
      'tr',
      { 'data-segment': id },
      h('th', { scope: 'row' }, label),
      h('td', { class: 'num' }, formatPersons(segment.persons)),
      h('td', { class: 'num' }, formatRate(segment.defaultRate)),
      h('td', { class: 'num', 'data-testid': `auc-${id}-full` }, formatMetric(segment.full.auc)),
      h('td', { class: 'num', 'data-testid': `auc-${id}-without` }, formatMetric(segment.withoutNetwork.auc)),
      h('td', { class: 'num nowrap' }, formatDifference(difference?.difference)),
      h(
        'td',
        { class: 'num nowrap' },
        formatInterval(difference),
        difference && difference.difference !== null ? h('span', { class: 'visually-hidden' }, intervalExcludesZero(difference) ? ' (excludes zero)' : ' (includes zero)') : null,
      ),
      h('td', { class: 'num' }, formatMetric(segment.full.ks)),
      h('td', { class: 'num' }, formatMetric(segment.withoutNetwork.ks)),
    );
  });
  return h(
    'table',
    { class: 'data', 'data-testid': 'evaluation-table' },
    h('caption', {}, `AUC and KS with and without the network dimension; the AUC difference with its ${Math.round(confidence * 100)}% paired bootstrap interval (${report.bootstrap.replicates} replicates).`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Segment'),
        h('th', { scope: 'col', class: 'num' }, 'Persons'),
        h('th', { scope: 'col', class: 'num' }, 'Default rate'),
        h('th', { scope: 'col', class: 'num' }, 'AUC with network'),
        h('th', { scope: 'col', class: 'num' }, 'AUC without'),
        h('th', { scope: 'col', class: 'num' }, 'AUC difference'),
        h('th', { scope: 'col', class: 'num' }, `${Math.round(confidence * 100)}% CI`),
        h('th', { scope: 'col', class: 'num' }, 'KS with network'),
        h('th', { scope: 'col', class: 'num' }, 'KS without'),
      ),
    ),
    h('tbody', {}, rows),
  );
}

function bandTable(segment: SegmentEvaluation, label: string): HTMLElement {
  const without = new Map(segment.withoutNetwork.bands.map((band) => [band.band, band]));
  return h(
    'table',
    { class: 'data', 'data-testid': 'band-default-table' },
    h('caption', {}, `Default rate per band, ${label}: persons in the band (and its default rate) by the score with and without the network dimension.`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Band'),
        h('th', { scope: 'col', class: 'num' }, 'Persons with network'),
        h('th', { scope: 'col', class: 'num' }, 'Default rate with network'),
        h('th', { scope: 'col', class: 'num' }, 'Persons without'),
        h('th', { scope: 'col', class: 'num' }, 'Default rate without'),
      ),
    ),
    h(
      'tbody',
      {},
      segment.full.bands.map((band) => {
        const other = without.get(band.band);
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, bandLabel(band.band)),
          h('td', { class: 'num' }, formatPersons(band.persons)),
          h('td', { class: 'num' }, formatRate(band.defaultRate)),
          h('td', { class: 'num' }, other ? formatPersons(other.persons) : '—'),
          h('td', { class: 'num' }, formatRate(other?.defaultRate)),
        );
      }),
    ),
  );
}

// ---- Fairness ----

/**
 * The cut-off is picked from the ones the server answers at (FAIRNESS_CUTOFFS, in every report
 * as `cutoffs`): the first load asks for the server's default and fills the list. Returns what
 * stops it (nothing pending: a choice loads at once).
 */
function mountFairness(body: HTMLElement, ctx: AppContext, live: () => boolean): () => void {
  const select = h('select', { id: 'fairness-cutoff', 'aria-describedby': 'fairness-cutoff-help' });
  const result = h('div', { 'data-testid': 'fairness-result' }, loadingState('the fairness report'));
  let request = 0;

  const load = async (cutoff: number | undefined) => {
    const mine = ++request;
    replaceChildren(result, loadingState(cutoff === undefined ? 'the fairness report' : `the fairness report at cut-off ${cutoff}`));
    try {
      const report = await ctx.api.get<FairnessReport>(cutoff === undefined ? '/v1/reports/fairness' : `/v1/reports/fairness?cutoff=${cutoff}`);
      if (live() && mine === request) {
        replaceChildren(select, report.cutoffs.map((c) => h('option', { value: String(c), selected: c === report.cutoff ? true : null }, String(c))));
        select.value = String(report.cutoff);
        replaceChildren(result, fairnessView(report));
        ctx.announce(`Fairness at cut-off ${report.cutoff}: ${report.flags.length ? `${report.flags.length} ratio${report.flags.length === 1 ? '' : 's'} under ${report.threshold}` : 'no ratio flagged'}.`);
      }
    } catch (failed) {
      if (live() && mine === request) replaceChildren(result, failure(ctx, failed, 'Not available.'));
    }
  };
  const chosen = () => (select.value === '' ? undefined : Number(select.value));
  select.addEventListener('change', () => void load(chosen()));
  const form = h(
    'form',
    {
      class: 'fairness-controls',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void load(chosen());
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'fairness-cutoff' }, 'Cut-off'), select),
    h('button', { type: 'submit' }, 'Update'),
    h('small', { id: 'fairness-cutoff-help', class: 'field-help' }, 'Approve at or above this score; the server answers at the cut-offs its operator configured.'),
  );
  replaceChildren(body, form, result);
  void load(undefined);
  return () => undefined;
}

function fairnessView(report: FairnessReport): HTMLElement {
  const threshold = formatRatio(report.threshold);
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'report-note', 'data-testid': 'fairness-summary' },
      `Cut-off ${report.cutoff}: ${formatPersons(report.persons)} persons. The adverse impact ratio is a group's approval rate over the most-approved group's `,
      `(groups of at least ${report.minGroupSize} persons); ratios under ${threshold} are flagged. `,
      `Counts under ${report.minGroupSize} persons are withheld, on both sides of the cut-off. `,
      report.flags.length ? `${report.flags.length} flagged.` : 'None flagged.',
    ),
    h('div', { class: 'report-tables' }, report.attributes.map((attribute) => attributeTable(attribute, report.threshold))),
  );
}

function attributeTable(attribute: FairnessReport['attributes'][number], threshold: number): HTMLElement {
  const label = attributeLabel(attribute.attribute);
  const under = formatRatio(threshold);
  const rateCell = (variant: FairnessReport['attributes'][number]['groups'][number]['full']) =>
    h('td', { class: 'num' }, variant.suppressed ? 'withheld' : formatRate(variant.approvalRate));
  const ratioCell = (ratio: number | null, flagged: boolean) =>
    h('td', { class: 'num' }, formatRatio(ratio), flagged ? h('span', { class: 'flag' }, ` ⚠ under ${under}`) : null);
  return h(
    'table',
    { class: 'data', 'data-testid': `fairness-${attribute.attribute}` },
    h('caption', {}, `${label}: approval rate and adverse impact ratio per group, with and without the network dimension. Reference group: ${attribute.reference.full ?? '—'} with network, ${attribute.reference.withoutNetwork ?? '—'} without.`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, label),
        h('th', { scope: 'col', class: 'num' }, 'Persons'),
        h('th', { scope: 'col', class: 'num' }, 'Approval with network'),
        h('th', { scope: 'col', class: 'num' }, 'Approval without'),
        h('th', { scope: 'col', class: 'num' }, 'Impact ratio with network'),
        h('th', { scope: 'col', class: 'num' }, 'Impact ratio without'),
      ),
    ),
    h(
      'tbody',
      {},
      attribute.groups.map((group) => {
        const flagged = group.full.flagged || group.withoutNetwork.flagged;
        return h(
          'tr',
          { class: flagged ? 'flagged' : null, 'data-flagged': flagged ? 'true' : 'false' },
          h('th', { scope: 'row' }, group.group),
          h('td', { class: 'num' }, formatPersons(group.persons)),
          rateCell(group.full),
          rateCell(group.withoutNetwork),
          ratioCell(group.full.adverseImpactRatio, group.full.flagged),
          ratioCell(group.withoutNetwork.adverseImpactRatio, group.withoutNetwork.flagged),
        );
      }),
    ),
  );
}
