/**
 * Paired bootstrap confidence interval of the difference of two AUCs measured on the same
 * persons (e.g. the score with and without the network dimension). Each replicate draws n
 * persons with replacement — the same draw for both scores, so their correlation is kept —
 * and recomputes both AUCs; the interval is the percentile interval of the differences.
 *
 * A replicate only reweights persons, so both scores are sorted once (ranking.ts) and each
 * replicate costs O(n): multiplicities, then one weighted Mann–Whitney sum per score.
 * The draws come from a seeded xorshift32 (G. Marsaglia, "Xorshift RNGs", J. Stat. Softw. 8,
 * 2003), so the same input and seed give the same interval.
 *
 * References: B. Efron & R. J. Tibshirani, "An Introduction to the Bootstrap" (1993), ch. 13
 * (percentile interval); for the paired design, E. R. DeLong, D. M. DeLong &
 * D. L. Clarke-Pearson, "Comparing the areas under two or more correlated ROC curves",
 * Biometrics 44 (1988), whose analytic variance this resampling approximates.
 */
import { mulberry32, xorshift32 } from '../../prng.js';
import { aucOfGroups, asNumbers } from './auc.js';
import { countGroups, rankByScore, type Ranking } from './ranking.js';

const DEFAULTS = {
  /** Bootstrap replicates. */
  replicates: 500,
  /** Two-sided confidence level of the interval. */
  confidence: 0.95,
  /** PRNG seed. */
  seed: 1,
};

export interface AucDifferenceOptions {
  replicates?: number;
  confidence?: number;
  seed?: number;
  /** Precomputed rankings of `a` and `b` (rankByScore), to skip sorting again. */
  rankings?: [Ranking, Ranking];
}

export interface AucDifference {
  /** AUC(a) − AUC(b) on the sample itself. */
  difference: number;
  /** Percentile interval [lower, upper] of the replicates' differences. */
  lower: number;
  upper: number;
  confidence: number;
  replicates: number;
  /** Standard deviation of the replicates' differences (bootstrap standard error). */
  standardError: number;
}

/** The q-quantile of sorted values (linear interpolation between order statistics). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * @example
 * const d = aucDifference(fullScore, withoutNetwork, defaulted, { replicates: 500, seed: 1 });
 * d.difference; // e.g. 0.012; [d.lower, d.upper] its 95% interval
 */
export function aucDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  bad: ArrayLike<number | boolean>,
  options: AucDifferenceOptions = {},
): AucDifference {
  const n = a.length;
  if (b.length !== n || bad.length !== n) throw new RangeError(`bootstrap: ${n}, ${b.length} and ${bad.length} values: the three must match`);
  const replicates = options.replicates ?? DEFAULTS.replicates;
  const confidence = options.confidence ?? DEFAULTS.confidence;
  if (!(Number.isInteger(replicates) && replicates >= 1)) throw new RangeError(`bootstrap: replicates must be an integer ≥ 1, got ${replicates}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`bootstrap: confidence must be in (0, 1), got ${confidence}`);
  const outcome = asNumbers(bad);
  const [rankA, rankB] = options.rankings ?? [rankByScore(a), rankByScore(b)];
  const difference = aucOfGroups(countGroups(rankA, outcome)) - aucOfGroups(countGroups(rankB, outcome));
  const weight = new Uint32Array(n);
  const diffs = new Float64Array(replicates);
  const badA = inRankOrder(rankA, outcome);
  const badB = inRankOrder(rankB, outcome);
  // xorshift32 state from the seed (never 0), kept in a local for the hot loop.
  let state = (Math.floor(mulberry32(options.seed ?? DEFAULTS.seed)() * 0xffffffff) | 1) >>> 0;
  for (let r = 0; r < replicates; r++) {
    weight.fill(0);
    for (let k = 0; k < n; k++) {
      state = xorshift32(state);
      weight[Math.floor((state * n) / 4294967296)]!++;
    }
    diffs[r] = weightedAuc(rankA.order, rankA.groupStarts, badA, weight) - weightedAuc(rankB.order, rankB.groupStarts, badB, weight);
  }
  const finite = Float64Array.from(diffs.filter((d) => Number.isFinite(d))).sort();
  let mean = 0;
  for (const d of finite) mean += d / finite.length;
  let variance = 0;
  for (const d of finite) variance += (d - mean) ** 2 / Math.max(1, finite.length - 1);
  const tail = (1 - confidence) / 2;
  return {
    difference,
    lower: quantileOfSorted(finite, tail),
    upper: quantileOfSorted(finite, 1 - tail),
    confidence,
    replicates,
    standardError: Math.sqrt(variance),
  };
}

/** 1 where the person at each rank position defaulted. */
function inRankOrder(ranking: Ranking, bad: ArrayLike<number>): Uint8Array {
  const { order } = ranking;
  const out = new Uint8Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = bad[order[k]!] ? 1 : 0;
  return out;
}

/**
 * The AUC of a ranking under person weights (multiplicities): aucOfGroups' sum in one
 * allocation-free pass over arrays in rank order — the hot loop of every replicate, kept
 * monomorphic (typed arrays only).
 */
function weightedAuc(order: Uint32Array, groupStarts: Uint32Array, badInOrder: Uint8Array, weight: Uint32Array): number {
  const groups = groupStarts.length - 1;
  let badsBelow = 0;
  let pairs = 0;
  let totalGoods = 0;
  for (let g = 0; g < groups; g++) {
    let bads = 0;
    let goods = 0;
    const end = groupStarts[g + 1]!;
    for (let k = groupStarts[g]!; k < end; k++) {
      const m = weight[order[k]!]!;
      if (badInOrder[k] === 1) bads += m;
      else goods += m;
    }
    pairs += goods * (badsBelow + bads / 2);
    badsBelow += bads;
    totalGoods += goods;
  }
  return badsBelow > 0 && totalGoods > 0 ? pairs / (totalGoods * badsBelow) : NaN;
}
