/**
 * The ROC curve of a credit score: decline everybody scoring at most t; as t rises from the
 * lowest score to the highest, the curve runs from (0, 0) to (1, 1) through
 *
 *     (false-positive rate, true-positive rate) = (share of goods declined, share of bads declined),
 *
 * one point per distinct score. Its area (trapezoids; a tie group is a straight segment) is
 * the AUC of auc.ts. For plotting, the curve is thinned to at most `maxPoints` points picked
 * evenly along it (both ends always kept), so a 100k-person curve stays a small JSON array.
 *
 * Reference: T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27
 * (2006) 861–874, algorithm 2.
 */
import { asNumbers } from './auc.js';
import { countGroups, rankByScore, type GroupCounts, type Ranking } from './ranking.js';

/** One point of a ROC curve. */
export interface RocPoint {
  /** Share of goods (not defaulted) declined at this cut-off. */
  fpr: number;
  /** Share of bads (defaulted) declined at this cut-off. */
  tpr: number;
  /** Decline scores ≤ this; null for the (0, 0) start (decline nobody). */
  score: number | null;
}

const DEFAULTS = {
  /** Points kept for plotting. */
  maxPoints: 200,
};

/** The full curve from per-tie-group counts (ascending) and the groups' scores. */
export function rocOfGroups(counts: GroupCounts, groupScores: ArrayLike<number>): RocPoint[] {
  const { bads, goods, totalBads, totalGoods } = counts;
  if (!(totalBads > 0 && totalGoods > 0)) return [];
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, score: null }];
  let cumBads = 0;
  let cumGoods = 0;
  for (let g = 0; g < bads.length; g++) {
    cumBads += bads[g]!;
    cumGoods += goods[g]!;
    points.push({ fpr: cumGoods / totalGoods, tpr: cumBads / totalBads, score: groupScores[g]! });
  }
  return points;
}

/**
 * At most `maxPoints` points of `points`, evenly spaced by index, the first and last kept.
 *
 * @example thinCurve(curve, 200).length <= 200
 */
export function thinCurve<T>(points: readonly T[], maxPoints: number = DEFAULTS.maxPoints): T[] {
  if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) throw new RangeError(`roc: maxPoints must be an integer ≥ 2, got ${maxPoints}`);
  if (points.length <= maxPoints) return [...points];
  const last = points.length - 1;
  const picked: T[] = [];
  for (let k = 0; k < maxPoints; k++) picked.push(points[Math.round((k * last) / (maxPoints - 1))]!);
  return picked;
}

/** Area under a curve of points sorted by fpr (trapezoids). */
export function areaUnder(points: readonly Pick<RocPoint, 'fpr' | 'tpr'>[]): number {
  let area = 0;
  for (let k = 1; k < points.length; k++) {
    area += ((points[k]!.fpr - points[k - 1]!.fpr) * (points[k]!.tpr + points[k - 1]!.tpr)) / 2;
  }
  return area;
}

/**
 * The ROC curve of `score` (higher = safer) against `bad`, thinned to `maxPoints`
 * (default 200); empty without goods or bads.
 *
 * @example
 * rocCurve([500, 700], [1, 0]); // [{fpr 0, tpr 0}, {fpr 0, tpr 1, score 500}, {fpr 1, tpr 1, score 700}]
 */
export function rocCurve(
  score: ArrayLike<number>,
  bad: ArrayLike<number | boolean>,
  options: { maxPoints?: number; ranking?: Ranking } = {},
): RocPoint[] {
  if (score.length !== bad.length) throw new RangeError(`metrics: ${score.length} scores but ${bad.length} outcomes`);
  const r = options.ranking ?? rankByScore(score);
  return thinCurve(rocOfGroups(countGroups(r, asNumbers(bad)), r.groupScores), options.maxPoints ?? DEFAULTS.maxPoints);
}
