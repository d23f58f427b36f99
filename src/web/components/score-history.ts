/**
 * A person's score across the published runs (GET /v1/persons/{id}/history) as a line chart:
 * oldest run on the left, one point per run coloured by its band, the score axis with nice ticks
 * and grid lines, run dates below and both axis titles. Loads itself; the read is logged by the
 * API (`history`), as the subject's access log shows.
 */
import type { ScoreHistory } from '../api/types.js';
import type { AppContext } from '../app-context.js';
import { bandColour, bandLabel } from '../bands.js';
import { niceTicks } from '../charts/ticks.js';
import { h, replaceChildren, svg } from '../dom.js';
import { emptyState, errorState, loadingState } from '../status.js';

const WIDTH = 420;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 36, bottom: 44, left: 60 };
/** Run dates written under the axis at most (the others are in the points' tooltips). */
const MAX_DATE_LABELS = 5;

export function scoreHistory(ctx: AppContext, personId: string): HTMLElement {
  const element = h('div', { class: 'score-history', 'data-testid': 'score-history' }, loadingState(`the score history of ${personId}`));
  void (async () => {
    try {
      const history = await ctx.api.get<ScoreHistory>(`/v1/persons/${encodeURIComponent(personId)}/history`);
      const runs = [...history.scores].reverse(); // the API answers newest first
      replaceChildren(element, runs.length ? historyChart(runs, personId) : emptyState(`No published run has scored ${personId}.`));
    } catch (error) {
      ctx.handleError(error);
      replaceChildren(element, errorState(error, `score history for ${personId}`));
    }
  })();
  return element;
}

type Point = ScoreHistory['scores'][number];

export function historyChart(runs: readonly Point[], personId: string): SVGElement {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const bottom = MARGIN.top + plotHeight;
  const scores = runs.map((run) => run.score);
  // At least ±40 points around the scores, so a steady score does not look like a swing.
  const ticks = niceTicks(Math.min(950, Math.max(...scores) + 40), 4, Math.max(350, Math.min(...scores) - 40));
  const [low, high] = [ticks[0]!, ticks.at(-1)!];
  const x = (k: number) => MARGIN.left + (runs.length === 1 ? plotWidth / 2 : (k / (runs.length - 1)) * plotWidth);
  const y = (score: number) => bottom - ((score - low) / (high - low)) * plotHeight;
  const every = Math.ceil(runs.length / MAX_DATE_LABELS);
  const first = runs[0]!;
  const last = runs.at(-1)!;
  const summary =
    runs.length === 1
      ? `${personId}: one published run so far, ${first.score} (${bandLabel(first.band)}) as of ${first.asOf}`
      : `${personId}: score over ${runs.length} published runs, from ${first.score} as of ${first.asOf} to ${last.score} as of ${last.asOf}`;
  return svg(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'history', role: 'img', 'aria-label': summary, preserveAspectRatio: 'xMidYMid meet' },
    ticks.flatMap((score) => [
      svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(score), y2: y(score), class: 'grid-line' }),
      svg('text', { x: MARGIN.left - 7, y: y(score) + 4, 'text-anchor': 'end', class: 'tick y-tick' }, String(score)),
    ]),
    svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: bottom, y2: bottom, class: 'axis' }),
    svg('line', { x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: bottom, class: 'axis' }),
    runs.length > 1 ? svg('polyline', { points: runs.map((run, k) => `${x(k)},${y(run.score)}`).join(' '), class: 'history-line' }) : null,
    runs.map((run, k) =>
      svg(
        'circle',
        { cx: x(k), cy: y(run.score), r: 4.5, fill: bandColour(run.band), class: 'history-point', 'data-score': run.score, 'data-run': run.runId },
        svg('title', {}, `${run.asOf} (run ${run.runId}): ${run.score}, ${bandLabel(run.band)}`),
      ),
    ),
    runs.flatMap((run, k) => (k % every === 0 || k === runs.length - 1 ? [svg('text', { x: x(k), y: bottom + 16, 'text-anchor': 'middle', class: 'tick x-tick' }, run.asOf)] : [])),
    svg('text', { x: MARGIN.left + plotWidth / 2, y: HEIGHT - 6, 'text-anchor': 'middle', class: 'axis-title' }, 'Run (scored as of)'),
    svg('text', { x: 0, y: 0, transform: `translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-title' }, 'Score'),
  );
}
