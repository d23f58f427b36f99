/**
 * Reason codes: the factors that cost a score the most, at most four (the adverse-action
 * convention), all five dimensions measured against one reference — the average.
 *
 * US adverse-action practice (Regulation B, Official Interpretation 1002.9(b)(2)-5) lets a
 * lender rank the factors of a points scorecard by how far the applicant fell below either the
 * most points a factor can earn or the average points applicants earn on it. tiescore uses the
 * average, because only the average has a meaning for the network dimension: nobody's contacts
 * are perfect, so a network value of 1 is no reference at all.
 *
 *  - A feature of own dimension k costs w_k · (typical − points) / Σ maxPoints_k of the [0, 1]
 *    scale, where `typical` is the mean points the calibration population earned on it (the
 *    model's `typical`; a model without one is measured against the best bin).
 *  - The network dimension costs w_network · (μ − n), where μ is the prior: the population mean
 *    own score, the value of a person without contacts. It is exactly what the score would
 *    change by if the person had no contacts at all, so a person whose contacts are average or
 *    better has no network reason.
 *
 * 600 times a cost is the points it cost. Only a factor that costs at least MIN_REASON_POINTS is
 * a reason: anything less would read "−0.0 points" once rounded for people.
 */
import { SCORE_SPAN } from './bands.js';
import type { DimensionScore } from './dimension.js';
import { PERSONAL_DIMENSIONS, type Dimension, type PersonalDimension } from './measures.js';
import type { Model } from './model.js';

/** The most reason codes reported for one score. */
export const MAX_REASON_CODES = 4;

/** The fewest score points a factor must cost to be a reason: half the 0.1 points people read. */
export const MIN_REASON_POINTS = 0.05;
const MIN_REASON_COST = MIN_REASON_POINTS / SCORE_SPAN;

/** What reason codes and explanations measure points against, in words (explanations carry it). */
export const REASON_REFERENCE = {
  method: 'average',
  description:
    'Points are measured against a typical person: each feature against the average points the calibration population ' +
    'earned on it, the network dimension against the prior (the network value of a person without contacts). A reason ' +
    'is given only where the score is below that reference.',
} as const;

/** One key factor of a score. */
export interface ReasonCode {
  /** Stable code, e.g. `H_DEFAULTS` or `N_NETWORK`. */
  code: string;
  /** Plain-language reason. */
  reason: string;
  dimension: Dimension;
  /** Share of the 0–1 scale this factor cost against the reference (see the file comment). */
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
 * Score points the person's contacts account for: 600 · w_network · (n − μ), what the score
 * would lose (or gain, when negative) if the network value were the prior — no contacts at all.
 *
 * @example
 * networkPointsVsPrior(0.4937, 0.4968, model); // −0.27 at w_network = 0.145
 */
export function networkPointsVsPrior(value: number, prior: number, model: Model): number {
  return SCORE_SPAN * model.weights.network * (value - prior);
}

/** The network's reason code when the contacts pull the score below the prior, else undefined. */
export function networkReasonCode(value: number, prior: number, model: Model): ReasonCode | undefined {
  const cost = model.weights.network * (prior - value);
  return cost >= MIN_REASON_COST ? reasonCode(model.networkReason.code, model.networkReason.reason, 'network', cost) : undefined;
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
      const cost = (model.weights[dimension] * (feature.referencePoints - feature.points)) / possible;
      if (cost >= MIN_REASON_COST) candidates.push(reasonCode(feature.code, feature.reason, dimension, cost));
    }
  }
  if (!network.isPrior) {
    const reason = networkReasonCode(network.value, network.prior, model);
    if (reason) candidates.push(reason);
  }
  // Array.prototype.sort is stable, so equal costs keep the model's order.
  return candidates.sort((a, b) => b.cost - a.cost).slice(0, MAX_REASON_CODES);
}

function reasonCode(code: string, reason: string, dimension: Dimension, cost: number): ReasonCode {
  return { code, reason, dimension, cost, pointsLost: SCORE_SPAN * cost };
}
