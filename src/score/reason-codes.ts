/**
 * Reason codes: the features that cost a score the most, at most four (the adverse-action
 * convention). A feature of dimension k costs w_k · (maxPoints − points) / Σ maxPoints_k of
 * the [0, 1] scale, i.e. 600 times that in score points. The network dimension counts as one
 * feature with maximum 1; it is named only when it pulls the score below the prior — never
 * when the person simply has no network to speak of.
 */
import { SCORE_SPAN } from './bands.js';
import type { DimensionScore } from './dimension.js';
import { PERSONAL_DIMENSIONS, type Dimension, type PersonalDimension } from './measures.js';
import type { Model } from './model.js';

/** The most reason codes reported for one score. */
export const MAX_REASON_CODES = 4;

/** One key factor of a score. */
export interface ReasonCode {
  /** Stable code, e.g. `H_DEFAULTS` or `N_NETWORK`. */
  code: string;
  /** Plain-language reason. */
  reason: string;
  dimension: Dimension;
  /** Share of the 0–1 scale this factor cost: w_k · (maxPoints − points) / Σ maxPoints_k. */
  cost: number;
  /** The same in score points (600 · cost). */
  pointsLost: number;
}

/** The network dimension as reason codes see it. */
export interface NetworkReasonInput {
  value: number;
  /** The prior μ (a run's mean own score over the verified persons) the value is compared with. */
  prior: number;
  /** True when the value is the prior itself (no network value was computed). */
  isPrior: boolean;
}

/**
 * Picks the costliest factors, most costly first; ties keep the model's order
 * (history, behaviour, capacity, identity, network; features as listed in the model).
 *
 * @example
 * pickReasonCodes(dimensions, { value: 0.4, prior: 0.55, isPrior: false }, model)
 *   .map((r) => r.code); // e.g. ['C_DEBT_TO_INCOME', 'B_BILLS', 'H_DEFAULTS', 'N_NETWORK']
 */
export function pickReasonCodes(
  dimensions: Record<PersonalDimension, DimensionScore>,
  network: NetworkReasonInput,
  model: Model,
): ReasonCode[] {
  const candidates: ReasonCode[] = [];
  for (const dimension of PERSONAL_DIMENSIONS) {
    const { features } = dimensions[dimension];
    const possible = features.reduce((sum, f) => sum + f.maxPoints, 0);
    if (possible <= 0) continue;
    for (const feature of features) {
      const cost = (model.weights[dimension] * (feature.maxPoints - feature.points)) / possible;
      if (cost > 0) candidates.push(reasonCode(feature.code, feature.reason, dimension, cost));
    }
  }
  if (!network.isPrior && network.value < network.prior) {
    const cost = model.weights.network * (1 - network.value);
    if (cost > 0) candidates.push(reasonCode(model.networkReason.code, model.networkReason.reason, 'network', cost));
  }
  // Array.prototype.sort is stable, so equal costs keep the model's order.
  return candidates.sort((a, b) => b.cost - a.cost).slice(0, MAX_REASON_CODES);
}

function reasonCode(code: string, reason: string, dimension: Dimension, cost: number): ReasonCode {
  return { code, reason, dimension, cost, pointsLost: SCORE_SPAN * cost };
}
