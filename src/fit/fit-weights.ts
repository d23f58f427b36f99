/**
 * The five dimension weights of a scorecard, fitted on outcomes: a monotone logistic
 * regression of defaults on the dimension values (monotone-logistic.ts), its coefficients
 * normalised to sum to 1, so that the score 350 + 600·Σ_k w_k·d_k ranks persons exactly as the
 * fitted log-odds do. Each weight is ≥ 0: a better dimension never lowers a score.
 *
 * The network's reach is capped: 600·w_network — the most the network dimension can move a
 * score, from the worst network to the best — is at most `networkCapPoints`. When the
 * unconstrained fit exceeds it, the optimum lies on the boundary w_network = c (c = cap/600),
 * i.e. c_network = ρ·Σ_{k≠network} c_k with ρ = c/(1 − c); substituting gives a fit of the
 * four own coefficients on the columns d_k + ρ·d_network, which is again a monotone logistic
 * regression. The log-likelihood is concave, so the better of the interior and the boundary
 * solution is the constrained optimum.
 *
 * A dimension that is the same for everybody fitted on (e.g. capacity when nobody's income is
 * known) ranks nobody and gets weight 0: left in, it would soak up the network's column on the
 * boundary and show a weight it did not earn.
 */
import { PERSONAL_DIMENSIONS, SCORE_SPAN, type Dimension, type PersonalDimension } from '../score/index.js';
import { fitMonotoneLogistic, type MonotoneLogisticFit } from './monotone-logistic.js';
import { FitError } from './fit-error.js';

export type DimensionColumns = Record<Dimension, ArrayLike<number>>;
export type Weights = Record<Dimension, number>;

export interface WeightFit {
  weights: Weights;
  /** The logistic fit behind them; `coefficients` in PERSONAL_DIMENSIONS order, then network (0 for a constant column). */
  fit: MonotoneLogisticFit;
  /** True when the cap on the network's reach decided the network weight. */
  capped: boolean;
}

/** Digits the fitted weights are written with (the residual goes to the largest weight). */
const WEIGHT_DIGITS = 6;

/**
 * @param networkCapPoints the most the network dimension may move a score (600·w_network ≤ this);
 *   0 fits the scorecard without the network dimension.
 * @example
 * const { weights } = fitWeights(columns, defaulted, 60);
 * weights.network * 600 <= 60; // true
 */
export function fitWeights(columns: DimensionColumns, outcomes: ArrayLike<number>, networkCapPoints: number): WeightFit {
  if (!(networkCapPoints >= 0 && networkCapPoints < SCORE_SPAN)) {
    throw new FitError(`fit: the network cap must be in [0, ${SCORE_SPAN}) points, got ${networkCapPoints}`);
  }
  const varying = PERSONAL_DIMENSIONS.filter((d) => !isConstant(columns[d]));
  const own = varying.map((d) => columns[d]);
  const cap = networkCapPoints / SCORE_SPAN;
  const withNetwork = cap > 0 && !isConstant(columns.network);
  // Coefficients in PERSONAL_DIMENSIONS order, then network; 0 for a column left out.
  const spread = (fitted: readonly number[], network: number) => [...PERSONAL_DIMENSIONS.map((d) => (varying.includes(d) ? fitted[varying.indexOf(d)]! : 0)), network];
  if (withNetwork) {
    const interior = fitMonotoneLogistic([...own, columns.network], outcomes);
    const coefficients = spread(interior.coefficients, interior.coefficients[own.length]!);
    if (share(coefficients, 4) <= cap) return result(coefficients, interior, false);
  }
  if (own.length === 0) throw new FitError('fit: every own dimension is the same for everybody fitted on; nothing to weigh');

  // On the boundary (or without the network): c_network = ρ·Σ own c_k.
  const rho = withNetwork ? cap / (1 - cap) : 0;
  const n = outcomes.length;
  const blended = own.map((column) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = column[i]! + rho * columns.network[i]!;
    return out;
  });
  const boundary = fitMonotoneLogistic(blended, outcomes);
  const ownSum = boundary.coefficients.reduce((a, b) => a + b, 0);
  return result(spread(boundary.coefficients, rho * ownSum), boundary, withNetwork);
}

function isConstant(column: ArrayLike<number>): boolean {
  for (let i = 1; i < column.length; i++) if (column[i] !== column[0]) return false;
  return true;
}

/** c_k / Σ c. */
function share(coefficients: readonly number[], k: number): number {
  const sum = coefficients.reduce((a, b) => a + b, 0);
  return sum > 0 ? coefficients[k]! / sum : 0;
}

function result(coefficients: readonly number[], fit: MonotoneLogisticFit, capped: boolean): WeightFit {
  const sum = coefficients.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new FitError('fit: no dimension ranks these outcomes (every fitted weight is 0)');
  const dimensions: Dimension[] = [...PERSONAL_DIMENSIONS, 'network'];
  const scale = 10 ** WEIGHT_DIGITS;
  const weights = Object.fromEntries(dimensions.map((d, k) => [d, Math.round((coefficients[k]! / sum) * scale) / scale])) as Weights;
  // Rounding may leave the sum a few millionths off 1: the largest own weight takes the residual.
  const largest = PERSONAL_DIMENSIONS.reduce((a: PersonalDimension, b) => (weights[b] > weights[a] ? b : a));
  const residual = 1 - dimensions.reduce((total, d) => total + weights[d], 0);
  weights[largest] = Math.round((weights[largest] + residual) * scale) / scale;
  return { weights, fit: { ...fit, coefficients: [...coefficients] }, capped };
}
