/**
 * The ROC plot: the curve of the published score ("with network") and of the score without the
 * network dimension, the chance diagonal, labelled axes and a legend. Built with DOM calls (the
 * CSP allows no inline script or style); colours and dashes come from classes in styles.css —
 * two distinct viridis stops, and the "without" curve is dashed, so it reads in greyscale too.
 */
import type { RocPoint } from '../api/types.js';
import { svg } from '../dom.js';
import { rateTicks, rocPath, toX, toY, type PlotBox } from './roc-geometry.js';

const WIDTH = 420;
const HEIGHT = 400;
const BOX: PlotBox = { left: 56, top: 14, width: 340, height: 320 };

export interface RocCurve {
  /** `full` or `without`: picks the curve's class. */
  variant: 'full' | 'without';
  label: string;
  points: readonly RocPoint[];
}

export function rocChart(curves: readonly RocCurve[], summary: string): SVGElement {
  const bottom = BOX.top + BOX.height;
  const right = BOX.left + BOX.width;
  const ticks = rateTicks(5);
  const grid = ticks.flatMap((t) => [
    svg('line', { x1: toX(t, BOX), x2: toX(t, BOX), y1: BOX.top, y2: bottom, class: 'grid-line' }),
    svg('line', { x1: BOX.left, x2: right, y1: toY(t, BOX), y2: toY(t, BOX), class: 'grid-line' }),
    svg('text', { x: toX(t, BOX), y: bottom + 16, 'text-anchor': 'middle', class: 'tick' }, t.toFixed(1)),
    svg('text', { x: BOX.left - 6, y: toY(t, BOX) + 4, 'text-anchor': 'end', class: 'tick' }, t.toFixed(1)),
  ]);
  const legend = curves.map((curve, i) => {
    const y = BOX.top + BOX.height - 46 + i * 20;
    const x = BOX.left + BOX.width - 226;
    return svg(
      'g',
      { class: 'roc-legend-item' },
      svg('line', { x1: x, x2: x + 28, y1: y, y2: y, class: `roc-curve roc-${curve.variant}` }),
      svg('text', { x: x + 34, y: y + 4, class: 'legend-text' }, curve.label),
    );
  });
  return svg(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'roc', role: 'img', 'aria-label': summary, preserveAspectRatio: 'xMidYMid meet', 'data-testid': 'roc-chart' },
    svg('title', {}, summary),
    grid,
    svg('line', { x1: toX(0, BOX), y1: toY(0, BOX), x2: toX(1, BOX), y2: toY(1, BOX), class: 'roc-diagonal' }),
    svg('line', { x1: BOX.left, x2: right, y1: bottom, y2: bottom, class: 'axis' }),
    svg('line', { x1: BOX.left, x2: BOX.left, y1: BOX.top, y2: bottom, class: 'axis' }),
    curves.map((curve) => svg('path', { d: rocPath(curve.points, BOX), class: `roc-curve roc-${curve.variant}`, 'data-variant': curve.variant })),
    svg('text', { x: BOX.left + BOX.width / 2, y: HEIGHT - 12, 'text-anchor': 'middle', class: 'axis-label' }, 'False-positive rate (non-defaulters declined)'),
    svg(
      'text',
      { x: 0, y: 0, transform: `translate(14 ${BOX.top + BOX.height / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-label' },
      'True-positive rate (defaulters declined)',
    ),
    svg('rect', { x: BOX.left + BOX.width - 234, y: BOX.top + BOX.height - 60, width: 230, height: 50, class: 'roc-legend-box' }),
    legend,
  );
}
