/**
 * ROC points → SVG coordinates. Pure (no DOM), so it is unit-tested: the plot area is a box in
 * SVG user units; false-positive rate runs left to right, true-positive rate bottom to top.
 */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface RatePoint {
  fpr: number;
  tpr: number;
}

const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
/** Two decimals are finer than a pixel and keep the path short. */
const coordinate = (value: number): string => String(Math.round(value * 100) / 100);

export function toX(fpr: number, box: PlotBox): number {
  return box.left + clamp01(fpr) * box.width;
}

export function toY(tpr: number, box: PlotBox): number {
  return box.top + (1 - clamp01(tpr)) * box.height;
}

/**
 * The `d` of a polyline through the points, in order of false-positive rate (then true-positive
 * rate), starting at (0, 0) and ending at (1, 1) when the points do not. Empty input → ''.
 *
 * @example
 * rocPath([{ fpr: 0, tpr: 0 }, { fpr: 0.5, tpr: 0.8 }, { fpr: 1, tpr: 1 }], { left: 0, top: 0, width: 100, height: 100 });
 * // 'M0 100 L50 20 L100 0'
 */
export function rocPath(points: readonly RatePoint[], box: PlotBox): string {
  if (points.length === 0) return '';
  const sorted = [...points].sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (first.fpr !== 0 || first.tpr !== 0) sorted.unshift({ fpr: 0, tpr: 0 });
  if (last.fpr !== 1 || last.tpr !== 1) sorted.push({ fpr: 1, tpr: 1 });
  return sorted.map((p, i) => `${i === 0 ? 'M' : 'L'}${coordinate(toX(p.fpr, box))} ${coordinate(toY(p.tpr, box))}`).join(' ');
}

/** Tick positions 0, 1/n, …, 1 (rates), for both axes. */
export function rateTicks(steps = 5): number[] {
  return Array.from({ length: steps + 1 }, (_, i) => Math.round((i / steps) * 1000) / 1000);
}
