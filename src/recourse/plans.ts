/**
 * The minimal recourse plans of a score: the sets of changes to actionable features that reach a
 * target score, where no proper subset of a set would (Ustun, Spangher and Liu, "Actionable
 * Recourse in Linear Classification", FAT* 2019, solve this as an integer program; a scorecard
 * with a handful of actionable binned features is small enough to enumerate exactly).
 *
 * A plan is scored the way the scorecard scores: each dimension's points are summed in the
 * model's feature order and divided by its most points, and the five dimensions go through
 * `scoreOfDimensions`. So the score a plan promises is the score the model gives the proposed
 * values, bit for bit, and "reaches" means the displayed (rounded) score is at least the target.
 *
 * Per set of features the plan takes the smallest moves that still reach the target (fewest
 * points above it, then the nearest bins); the sets come smallest first, then by the time they
 * take, then by the points they bring.
 */
import {
  PERSONAL_DIMENSIONS,
  SCORE_SPAN,
  scoreOfDimensions,
  type FeatureScore,
  type Model,
  type PersonalDimension,
} from '../score/index.js';
import { movesOf, type Move } from './moves.js';

/** What the solver needs of a scored person: the features of the own dimensions and the network value. */
export interface RecourseInput {
  features: Record<PersonalDimension, readonly FeatureScore[]>;
  /** The network value n in [0, 1]; it is never changed. */
  network: number;
  model: Model;
}

/** One change of a plan. */
export interface PlanChange {
  dimension: PersonalDimension;
  /** Index of the feature in its dimension (model order). */
  index: number;
  code: string;
  from: number;
  to: number;
  fromPoints: number;
  toPoints: number;
  /** Score points the change brings on its own (600 · w_k · Δpoints / most points of k). */
  scorePoints: number;
  months: number;
}

/** A set of changes and the score it gives. */
export interface Plan {
  changes: PlanChange[];
  /** The unrounded score with the changes applied. */
  exact: number;
  /** The displayed score with the changes applied. */
  score: number;
  /** The longest time any change takes. */
  months: number;
}

interface Option {
  dimension: PersonalDimension;
  index: number;
  feature: FeatureScore;
  moves: Move[];
  months: number;
}

/** The actionable features of a scored person with at least one move within reach. */
export function optionsOf(input: RecourseInput): Option[] {
  const options: Option[] = [];
  for (const dimension of PERSONAL_DIMENSIONS) {
    input.model.features[dimension].forEach((modelFeature, index) => {
      const feature = input.features[dimension][index]!;
      const moves = movesOf(modelFeature, feature);
      if (moves.length > 0) options.push({ dimension, index, feature, moves, months: modelFeature.actionable!.months });
    });
  }
  return options;
}

/**
 * The exact score of the person with some features' points replaced — the scorecard's
 * arithmetic: Σ points in model order ÷ Σ most points, then scoreOfDimensions.
 */
export function scoreWithPoints(input: RecourseInput, replaced: ReadonlyMap<string, number>): number {
  const dimensions = { network: input.network } as Record<PersonalDimension | 'network', number>;
  for (const dimension of PERSONAL_DIMENSIONS) {
    let earned = 0;
    let possible = 0;
    input.features[dimension].forEach((feature, index) => {
      earned += replaced.get(`${dimension}/${index}`) ?? feature.points;
      possible += feature.maxPoints;
    });
    dimensions[dimension] = possible > 0 ? earned / possible : 0;
  }
  return scoreOfDimensions(dimensions, input.model);
}

const keyOf = (option: Pick<Option, 'dimension' | 'index'>) => `${option.dimension}/${option.index}`;

function planOf(input: RecourseInput, options: readonly Option[], moves: readonly Move[]): Plan {
  const replaced = new Map(options.map((option, i) => [keyOf(option), moves[i]!.points]));
  const exact = scoreWithPoints(input, replaced);
  const changes = options.map((option, i): PlanChange => {
    const possible = input.features[option.dimension].reduce((sum, f) => sum + f.maxPoints, 0);
    const move = moves[i]!;
    return {
      dimension: option.dimension,
      index: option.index,
      code: option.feature.code,
      from: option.feature.value!,
      to: move.to,
      fromPoints: option.feature.points,
      toPoints: move.points,
      scorePoints: (SCORE_SPAN * input.model.weights[option.dimension] * (move.points - option.feature.points)) / possible,
      months: option.months,
    };
  });
  return { changes, exact, score: Math.round(exact), months: Math.max(0, ...changes.map((c) => c.months)) };
}

/** The plan that makes every move within reach as large as it goes: the highest reachable score. */
export function bestPlan(input: RecourseInput): Plan {
  const options = optionsOf(input);
  return planOf(input, options, options.map((option) => option.moves[option.moves.length - 1]!));
}

/**
 * The least of the move combinations of `options` that reaches `target`, or undefined: a
 * branch-and-bound walk over the moves. Score points are additive over features, so a branch is
 * cut when even the largest remaining moves cannot reach the target, or when it already brings
 * more than the best combination found; the leaves are scored exactly (planOf).
 */
function smallestReaching(input: RecourseInput, options: readonly Option[], target: number): Plan | undefined {
  // Score points of each move (600 · w_k · Δpoints / most points of k): for bounds only.
  const gains = options.map((option) => {
    const possible = input.features[option.dimension].reduce((sum, f) => sum + f.maxPoints, 0);
    const perPoint = (SCORE_SPAN * input.model.weights[option.dimension]) / possible;
    return option.moves.map((move) => perPoint * (move.points - option.feature.points));
  });
  const largestAfter = gains.map((_, i) => gains.slice(i).reduce((sum, g) => sum + g[g.length - 1]!, 0));
  const need = target - 0.5 - scoreWithPoints(input, new Map());
  const SLACK = 1e-6; // float sums differ from the exact leaf score by far less
  let best: { plan: Plan; steps: number; gain: number } | undefined;
  const chosen: Move[] = [];
  const walk = (i: number, gain: number, steps: number) => {
    if (gain + (largestAfter[i] ?? 0) < need - SLACK) return;
    if (best && gain > best.gain + SLACK) return;
    if (i === options.length) {
      const plan = planOf(input, options, chosen);
      if (plan.score < target) return;
      if (!best || plan.exact < best.plan.exact || (plan.exact === best.plan.exact && steps < best.steps)) best = { plan, steps, gain };
      return;
    }
    options[i]!.moves.forEach((move, step) => {
      chosen[i] = move;
      walk(i + 1, gain + gains[i]![step]!, steps + step);
    });
  };
  walk(0, 0, 0);
  return best?.plan;
}

/**
 * Every minimal plan that reaches `target` (a displayed score), smallest first; none when the
 * target cannot be reached (then `bestPlan` says how far one can get).
 *
 * @example
 * minimalPlans({ features: own features, network: 0.55, model }, 650)[0].changes.map((c) => c.code); // ['B_BILLS']
 */
export function minimalPlans(input: RecourseInput, target: number): Plan[] {
  const options = optionsOf(input);
  const n = options.length;
  // reaches[mask]: the set's largest moves together reach the target. Adding a feature never
  // lowers a score (its moves earn more points), so a set is minimal when it reaches and no set
  // one feature smaller does.
  const reaches: boolean[] = new Array<boolean>(1 << n).fill(false);
  const found: Plan[] = [];
  const masks = Array.from({ length: 1 << n }, (_, mask) => mask).sort((a, b) => popcount(a) - popcount(b) || a - b);
  for (const mask of masks) {
    if (mask === 0) continue;
    const subset = options.filter((_, i) => mask & (1 << i));
    const largest = planOf(input, subset, subset.map((option) => option.moves[option.moves.length - 1]!));
    reaches[mask] = largest.score >= target;
    if (!reaches[mask]) continue;
    let minimal = true;
    for (let i = 0; i < n; i++) if (mask & (1 << i) && reaches[mask & ~(1 << i)]) minimal = false;
    if (minimal) found.push(smallestReaching(input, subset, target)!);
  }
  return found
    .sort((a, b) => a.changes.length - b.changes.length || a.months - b.months || b.exact - a.exact);
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m > 0; m &= m - 1) count++;
  return count;
}
