/**
 * The score histogram as an SVG bar chart: one bar per bin, coloured by the band the bin falls
 * in, with the score axis below. Screen readers get a one-line summary (the counts per band
 * table next to it carries the numbers); each bar has a tooltip with its range and count.
 */
import type { PublishedRun } from '../api/types.js';
import { bandOfScore } from '../bands.js';
import { svg } from '../dom.js';
import { formatCount } from '../format.js';

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 32, left: 48 };

export function histogramChart(histogram: PublishedRun['histogram'], summary: string): SVGElement {
  const { bins } = histogram;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxCount = Math.max(1, ...bins.map((bin) => bin.count));
  const first = bins[0]?.from ?? 350;
  const last = bins.at(-1)?.to ?? 950;
  const x = (score: number) => MARGIN.left + ((score - first) / (last - first)) * plotWidth;
  const y = (count: number) => MARGIN.top + plotHeight - (count / maxCount) * plotHeight;

  const bars = bins.map((bin) => {
    const band = bandOfScore(bin.from);
    return svg(
      'rect',
      { x: x(bin.from) + 0.5, y: y(bin.count), width: Math.max(1, x(bin.to) - x(bin.from) - 1), height: MARGIN.top + plotHeight - y(bin.count), fill: band.colour, class: 'bar' },
      svg('title', {}, `${bin.from}–${bin.to}: ${formatCount(bin.count)} persons (${band.label})`),
    );
  });
  const ticks = [];
  for (let score = Math.ceil(first / 100) * 100; score <= last; score += 100) {
    ticks.push(
      svg('line', { x1: x(score), x2: x(score), y1: MARGIN.top + plotHeight, y2: MARGIN.top + plotHeight + 4, class: 'axis' }),
      svg('text', { x: x(score), y: HEIGHT - 10, 'text-anchor': 'middle', class: 'tick' }, String(score)),
    );
  }
  return svg(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'histogram', role: 'img', 'aria-label': summary, preserveAspectRatio: 'xMidYMid meet' },
    svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: MARGIN.top + plotHeight, y2: MARGIN.top + plotHeight, class: 'axis' }),
    svg('line', { x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: MARGIN.top + plotHeight, class: 'axis' }),
    svg('text', { x: MARGIN.left - 6, y: MARGIN.top + 4, 'text-anchor': 'end', class: 'tick' }, formatCount(maxCount)),
    svg('text', { x: MARGIN.left - 6, y: MARGIN.top + plotHeight, 'text-anchor': 'end', class: 'tick' }, '0'),
    bars,
    ticks,
  );
}
