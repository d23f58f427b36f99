/**
 * The moves a person can make on one actionable feature: each bin that earns more points than
 * the current one and lies within the feature's reach (`by` within `months`, model data), with
 * the value that is nearest to the current one in that bin. The value is what a plan proposes,
 * and its points are read back through the scorecard's own `pointsForValue`, so a plan is exact
 * for the model by construction, not by a second copy of the bin rule.
 */
import { MEASURES, pointsForValue, type FeatureScore, type MeasureName, type ModelFeature } from '../score/index.js';

/** The smallest step a proposed value moves in, per unit: the precision people read it at. */
const GRAIN: Record<(typeof MEASURES)[MeasureName]['unit'], number> = {
  'decayed-count': 0.01,
  share: 0.001,
  ratio: 0.001,
  'months-of-income': 0.1,
  months: 1,
  count: 1,
  'flag-good': 1,
  'flag-bad': 1,
};

/** The largest value a measure takes: 1 for shares and flags, its cap when it has one. */
export function measureCeiling(name: MeasureName): number {
  const spec = MEASURES[name] as (typeof MEASURES)[MeasureName] & { cap?: number };
  if (spec.cap !== undefined) return spec.cap;
  return spec.unit === 'share' || spec.unit === 'flag-good' || spec.unit === 'flag-bad' ? 1 : Infinity;
}

/** One reachable improvement of a feature. */
export interface Move {
  /** The proposed value: in the target bin, as near the current value as the grain allows. */
  to: number;
  /** The points the proposed value earns (pointsForValue of the model's bins). */
  points: number;
}

const decimalsOf = (grain: number) => Math.max(0, -Math.floor(Math.log10(grain)));

/** The smallest multiple of `grain` strictly above `value`, without float noise (0.95 → 0.951). */
function nextAbove(value: number, grain: number): number {
  const digits = decimalsOf(grain);
  const steps = Math.floor(Number((value / grain).toFixed(6))) + 1;
  return Number((steps * grain).toFixed(digits));
}

/**
 * The improvements within reach of a feature's current value, fewest points first; none for an
 * unknown value or a feature that is not actionable. One move per distinct number of points.
 *
 * @example
 * movesOf(billsFeature, { value: 0.91, points: 10, … }); // [{ to: 0.921, points: 30 }, { to: 0.951, points: 50 }, { to: 0.971, points: 70 }, { to: 0.986, points: 160 }] up to 0.91 + by
 */
export function movesOf(feature: ModelFeature, scored: Pick<FeatureScore, 'value' | 'points'>): Move[] {
  const { actionable } = feature;
  const from = scored.value;
  if (actionable === undefined || from === undefined) return [];
  const reach = actionable.by ?? Infinity;
  const moves: Move[] = [];
  const bins = feature.bins;
  // Nearest bins first, so that of bins with equal points the nearest is kept.
  const order = bins.map((_, i) => i);
  if (actionable.direction === 'lower') order.reverse();
  for (const i of order) {
    const bin = bins[i]!;
    if (bin.points <= scored.points) continue;
    let to: number;
    if (actionable.direction === 'higher') {
      const below = bins[i - 1]?.upTo;
      if (below === undefined || from > below) continue; // the value is already past this bin's start
      to = Math.min(nextAbove(below, GRAIN[MEASURES[feature.measure].unit]), measureCeiling(feature.measure));
      if (to - from > reach + 1e-12) continue;
    } else {
      if (bin.upTo === undefined || from <= bin.upTo || bin.upTo < 0) continue;
      to = bin.upTo;
      if (from - to > reach + 1e-12) continue;
    }
    const points = pointsForValue(bins, to);
    // A bin narrower than the grain, or beyond the measure's ceiling, cannot be proposed.
    if (points !== bin.points) continue;
    if (!moves.some((move) => move.points === points)) moves.push({ to, points });
  }
  return moves.sort((a, b) => a.points - b.points);
}
