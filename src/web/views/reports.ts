/**
 * Reports: the model's evaluation and fairness reports.
 *
 * PLACEHOLDER — the endpoints `GET /v1/reports/evaluation` and `GET /v1/reports/fairness` (with
 * ROC points) are being added separately. Until they exist this view says "not available" (it
 * treats a 404 as "this server has no such report"); when they land, replace `reportSummary`
 * with real charts (ROC curve, approval rates by group) fed from the same calls.
 */
import { ApiError } from '../api/client.js';
import type { AppContext, MountedView } from '../app-context.js';
import { h, replaceChildren } from '../dom.js';
import { emptyState, errorState, loadingState } from '../status.js';

const REPORTS = [
  { path: '/v1/reports/evaluation', title: 'Model evaluation', id: 'evaluation' },
  { path: '/v1/reports/fairness', title: 'Fairness', id: 'fairness' },
];

export function mountReports(container: HTMLElement, ctx: AppContext): MountedView {
  const sections = REPORTS.map((report) => {
    const body = h('div', { class: 'panel-body', 'aria-live': 'polite', 'data-testid': `report-${report.id}` }, loadingState(report.title.toLowerCase()));
    void (async () => {
      try {
        replaceChildren(body, reportSummary(await ctx.api.get<Record<string, unknown>>(report.path)));
      } catch (error) {
        ctx.handleError(error);
        const missing = error instanceof ApiError && error.kind === 'not-found';
        replaceChildren(body, missing ? emptyState(`Not available: this server has no ${report.title.toLowerCase()} report yet.`) : errorState(error));
      }
    })();
    return h('section', { class: 'panel', 'aria-labelledby': `report-${report.id}-title` }, h('h2', { id: `report-${report.id}-title` }, report.title), body);
  });
  replaceChildren(container, h('h1', {}, 'Reports'), h('div', { class: 'grid' }, sections));
  return {};
}

/** Until the real charts exist: the report's top-level numbers and words as a list. */
function reportSummary(report: Record<string, unknown>): HTMLElement {
  const scalars = Object.entries(report).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value));
  return scalars.length ? h('dl', { class: 'facts' }, scalars.flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, String(value))])) : emptyState('The report has no summary figures.');
}
