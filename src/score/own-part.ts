/**
 * A score in two halves, for the batch. The *own part* — the four own dimensions and the
 * costliest own-feature reason codes — is known as soon as a person's records are read; the
 * network value only after the propagation. The recompute computes the own part while SNAPSHOT
 * reads the population and merges it with the network value in SCORE, so the records are read
 * and scored once per run, not twice.
 *
 * `scoreFromOwnPart(ownPartOf(own, model), n, μ, model)` equals `scorePerson` on the same
 * records, network value and prior (score, band, dimensions, reason codes): reason codes are the
 * four costliest candidates, and the four costliest of (own features ∪ network) are the four
 * costliest of (the four costliest own features ∪ network); ties keep the model's order, which
 * puts the network last in both.
 */
import { bandOf, SCORE_MAX, SCORE_MIN, SCORE_SPAN, type BandId } from './bands.js';
import { PERSONAL_DIMENSIONS, type PersonalDimension } from './measures.js';
import type { Model } from './model.js';
import { MAX_REASON_CODES, networkReasonCode, pickReasonCodes, type ReasonCode } from './reason-codes.js';
import type { Dimensions, OwnDimensions } from './scorecard.js';

/** What a person's records contribute to their score. */
export interface OwnPart {
  dimensions: Record<PersonalDimension, number>;
  /** The costliest own-feature reason codes (at most four), costliest first. */
  reasons: ReasonCode[];
}

/** The merged score: what SCORE writes for a person. */
export interface PartsScore {
  score: number;
  exact: number;
  band: BandId;
  dimensions: Dimensions;
  reasonCodes: ReasonCode[];
}

/**
 * @example
 * const part = ownPartOf(scoreOwnDimensions({ person, events, asOf, model }), model);
 */
export function ownPartOf(own: OwnDimensions, model: Model): OwnPart {
  return {
    dimensions: { history: own.history.value, behaviour: own.behaviour.value, capacity: own.capacity.value, identity: own.identity.value },
    // isPrior: the network is left out here and added by scoreFromOwnPart.
    reasons: pickReasonCodes(own, { value: 0, prior: 0, isPrior: true }, model),
  };
}

/**
 * The score of an own part with a computed network value n ∈ [0, 1] and the prior μ.
 *
 * @example
 * scoreFromOwnPart(part, 0.62, 0.58, model).score; // as scorePerson({ …, network: 0.62, networkPrior: 0.58 })
 */
export function scoreFromOwnPart(part: OwnPart, network: number, prior: number, model: Model): PartsScore {
  if (!(network >= 0 && network <= 1)) throw new RangeError(`score: network must be in [0, 1], got ${network}`);
  if (!(prior >= 0 && prior <= 1)) throw new RangeError(`score: networkPrior must be in [0, 1], got ${prior}`);
  const dimensions: Dimensions = { ...part.dimensions, network };
  let blend = 0;
  for (const dimension of PERSONAL_DIMENSIONS) blend += model.weights[dimension] * dimensions[dimension];
  blend += model.weights.network * network;
  const exact = Math.min(SCORE_MAX, Math.max(SCORE_MIN, SCORE_MIN + SCORE_SPAN * blend));
  const score = Math.round(exact);
  const reasonCodes = [...part.reasons];
  const networkReason = networkReasonCode(network, prior, model);
  if (networkReason) reasonCodes.push(networkReason);
  // Stable: an own feature costing as much as the network stays before it, as in pickReasonCodes.
  reasonCodes.sort((a, b) => b.cost - a.cost);
  return { score, exact, band: bandOf(score).id, dimensions, reasonCodes: reasonCodes.slice(0, MAX_REASON_CODES) };
}
