/**
 * The score histogram as an SVG bar chart: one bar per bin, coloured by the band the bin falls
 * in, a count axis with nice ticks and grid lines, the score axis below, and both axis titles.
 * Screen readers get a one-line summary (the counts per band table next to it carries the
 * numbers); each bar has a tooltip with its range and count.
 */
import type { PublishedRun } from '../api/types.js';
import { bandOfScore } from '../bands.js';
import { niceTicks } from '../charts/ticks.js';
import { svg } from '../dom.js';
import { formatCount } from '../format.js';

const WIDTH = 640;
const HEIGHT = 270;
const MARGIN = { top: 12, right: 12, bottom: 48, left: 64 };

export function histogramChart(histogram: PublishedRun['histogram'], summary: string): SVGElement {
  const { bins } = histogram;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const bottom = MARGIN.top + plotHeight;
  const countTicks = niceTicks(Math.max(1, ...bins.map((bin) => bin.count)), 5, 0, 1);
  const top = countTicks.at(-1)!;
  const first = bins[0]?.from ?? 350;
  const last = bins.at(-1)?.to ?? 950;
  const x = (score: number) => MARGIN.left + ((score - first) / (last - first)) * plotWidth;
  const y = (count: number) => bottom - (count / top) * plotHeight;

  const bars = bins.map((bin) => {
    const band = bandOfScore(bin.from);
    return svg(
      'rect',
      { x: x(bin.from) + 0.5, y: y(bin.count), width: Math.max(1, x(bin.to) - x(bin.from) - 1), height: bottom - y(bin.count), fill: band.colour, class: 'bar' },
      svg('title', {}, `${bin.from}–${bin.to}: ${formatCount(bin.count)} persons (${band.label})`),
    );
  });
  const yTicks = countTicks.flatMap((count) => [
    svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(count), y2: y(count), class: 'grid-line' }),
    svg('line', { x1: MARGIN.left - 4, x2: MARGIN.left, y1: y(count), y2: y(count), class: 'axis' }),
    svg('text', { x: MARGIN.left - 7, y: y(count) + 4, 'text-anchor': 'end', class: 'tick y-tick' }, formatCount(count)),
  ]);
  const xTicks = niceTicks(last, 6, first).filter((score) => score >= first && score <= last).flatMap((score) => [
    svg('line', { x1: x(score), x2: x(score), y1: bottom, y2: bottom + 4, class: 'axis' }),
    svg('text', { x: x(score), y: bottom + 17, 'text-anchor': 'middle', class: 'tick x-tick' }, String(score)),
  ]);
  return svg(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'histogram', role: 'img', 'aria-label': summary, preserveAspectRatio: 'xMidYMid meet' },
    yTicks,
    bars,
    svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: bottom, y2: bottom, class: 'axis' }),
    svg('line', { x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: bottom, class: 'axis' }),
    xTicks,
    svg('text', { x: MARGIN.left + plotWidth / 2, y: HEIGHT - 6, 'text-anchor': 'middle', class: 'axis-title' }, 'Score'),
    svg('text', { x: 0, y: 0, transform: `translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-title' }, 'Persons'),
  );
}
