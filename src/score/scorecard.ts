/**
 * The per-person scorecard: the four own dimensions from a person's records, merged with the
 * network dimension into s = 350 + 600 · Σ_k w_k·d_k (docs/design.md, "The score"), with its band
 * and reason codes.
 *
 * The network value n_i comes from the graph kernels. When there is none (a person outside
 * the snapshot, a preview), the caller's prior μ — a run's mean own score over the verified
 * persons, the same value the kernels shrink towards — takes its place, and the result says so (`networkIsPrior`):
 * a thin or missing network is never a penalty.
 */
import type { CreditEvent } from '../domain/records.js';
import { bandOf, SCORE_MAX, SCORE_MIN, SCORE_SPAN, type BandId } from './bands.js';
import type { DimensionScore, FeatureScore } from './dimension.js';
import { scoreBehaviour } from './dimensions/behaviour.js';
import { scoreCapacity } from './dimensions/capacity.js';
import { scoreHistory, type HistoryScore } from './dimensions/history.js';
import { scoreIdentity } from './dimensions/identity.js';
import { PERSONAL_DIMENSIONS, type Dimension, type PersonalDimension } from './measures.js';
import type { Model } from './model.js';
import { pickReasonCodes, type ReasonCode } from './reason-codes.js';
import { pickScoringFeatures, type ScoringFeatures } from './scoring-features.js';

/** The five dimension values, each in [0, 1]. */
export type Dimensions = Record<Dimension, number>;

/** A person's records on a date, as the own dimensions read them. */
export interface OwnScoreInput {
  /** The person; only the fields in SCORING_FEATURE_KEYS are read (a full Person is fine). */
  person: ScoringFeatures;
  /** The person's credit events (every status; the scorecard filters them). */
  events: readonly CreditEvent[];
  /** Scoring date, `YYYY-MM-DD`: ages and active listings are measured on it. */
  asOf: string;
  model: Model;
}

/** Everything scorePerson needs. */
export interface ScorePersonInput extends OwnScoreInput {
  /** Network dimension n_i in [0, 1] from propagateNetwork; omit when none was computed. */
  network?: number | undefined;
  /**
   * The prior μ in [0, 1] (a run's mean own score b over the verified persons). It is the network value when
   * `network` is omitted, and the line below which the network earns a reason code.
   */
  networkPrior: number;
}

/** The four own dimensions of a person and b_i, their renormalised blend. */
export interface OwnDimensions extends Record<PersonalDimension, DimensionScore> {
  history: HistoryScore;
  /** b_i = ownScore(…): the input of the network propagation, in [0, 1]. */
  own: number;
}

/** A scored person. */
export interface PersonScore {
  /** The displayed score: `exact` rounded to an integer, 350–950. */
  score: number;
  /** The unrounded score 350 + 600 · Σ w_k·d_k. */
  exact: number;
  /** Band of the displayed score. */
  band: BandId;
  dimensions: Dimensions;
  /** b_i: the own dimensions weighted and renormalised to [0, 1]. */
  own: number;
  /** True when `dimensions.network` is the prior, not a computed network value. */
  networkIsPrior: boolean;
  /** At most four key factors, costliest first. */
  reasonCodes: ReasonCode[];
  /** Every feature of the own dimensions, for explanations. */
  features: Record<PersonalDimension, FeatureScore[]>;
  /** Disputed events met in the history, and what the model did with them. */
  disputed: HistoryScore['disputed'];
  modelVersion: string;
}

function checkUnit(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`score: ${name} must be in [0, 1], got ${value}`);
  return value;
}

/**
 * b_i: the four own dimensions weighted by the model and renormalised to [0, 1]
 * (Σ_{k≠network} w_k·d_k / Σ_{k≠network} w_k).
 *
 * @example
 * ownScore({ history: 1, behaviour: 1, capacity: 0.5, identity: 1 }, model); // 1 − 0.5·w_capacity / Σ_{k≠network} w_k
 */
export function ownScore(dimensions: Record<PersonalDimension, number>, model: Model): number {
  let weighted = 0;
  let total = 0;
  for (const dimension of PERSONAL_DIMENSIONS) {
    weighted += model.weights[dimension] * dimensions[dimension];
    total += model.weights[dimension];
  }
  return weighted / total;
}

/**
 * The unrounded score of five dimension values: 350 + 600 · Σ_k w_k·d_k (clamped to 350–950),
 * the formula `scorePerson` applies, for dimensions read back from a stored score.
 *
 * @example
 * scoreOfDimensions({ history: 1, behaviour: 1, capacity: 1, identity: 1, network: 0 }, defaultModel); // 350 + 600·(1 − w_network)
 */
export function scoreOfDimensions(dimensions: Dimensions, model: Model): number {
  let blend = 0;
  for (const dimension of PERSONAL_DIMENSIONS) blend += model.weights[dimension] * dimensions[dimension];
  blend += model.weights.network * dimensions.network;
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, SCORE_MIN + SCORE_SPAN * blend));
}

/**
 * The score with the network dimension removed and the other weights renormalised —
 * 350 + 600 · Σ_{k≠network} w_k·d_k / Σ_{k≠network} w_k, i.e. 350 + 600·b — unrounded. The
 * one definition of "the score without the network dimension" that backtests and fairness
 * reports compare the published score with.
 *
 * @example
 * scoreWithoutNetwork({ history: 1, behaviour: 1, capacity: 1, identity: 1, network: 0 }, defaultModel); // 950
 */
export function scoreWithoutNetwork(dimensions: Record<PersonalDimension, number>, model: Model): number {
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, SCORE_MIN + SCORE_SPAN * ownScore(dimensions, model)));
}

/**
 * Score points per unit of b (own score) and of n (network value), so that
 * score = 350 + own·b + network·n. The contagion kernels turn Δb and Δn into points with it.
 * `own` is 600·Σ_{k≠network} w_k, which is 600·(1 − w_network) up to the weights' tolerance.
 *
 * @example
 * pointsPerUnit(defaultModel); // { own: 600·Σ_{k≠network} w_k, network: 600·w_network }
 */
export function pointsPerUnit(model: Model): { own: number; network: number } {
  const ownWeight = PERSONAL_DIMENSIONS.reduce((sum, dimension) => sum + model.weights[dimension], 0);
  return { own: SCORE_SPAN * ownWeight, network: SCORE_SPAN * model.weights.network };
}

/**
 * Scores the four own dimensions of a person — what the batch needs before it propagates the
 * network dimension (b_i for everyone), and the first half of scorePerson.
 *
 * @throws RangeError when an event belongs to someone else or a date is malformed.
 * @example
 * const { own } = scoreOwnDimensions({ person, events, asOf: '2026-11-01', model });
 */
export function scoreOwnDimensions({ person, events, asOf, model }: OwnScoreInput): OwnDimensions {
  const features = pickScoringFeatures(person);
  for (const event of events) {
    if (event.personId !== features.id) {
      throw new RangeError(`score: event ${event.id} belongs to ${event.personId}, not to ${features.id}`);
    }
  }
  const history = scoreHistory(events, asOf, model);
  const behaviour = scoreBehaviour(features, model);
  const capacity = scoreCapacity(features, model);
  const identity = scoreIdentity(features, asOf, model);
  const own = ownScore(
    { history: history.value, behaviour: behaviour.value, capacity: capacity.value, identity: identity.value },
    model,
  );
  return { history, behaviour, capacity, identity, own };
}

/**
 * Scores a person: s = 350 + 600 · Σ_k w_k·d_k over the five dimensions.
 *
 * @example
 * const result = scorePerson({ person, events, network: 0.6, networkPrior: 0.55, asOf: '2026-11-01', model });
 * result.score;       // an integer in 350–950
 * result.band;        // 'excellent'
 * result.reasonCodes; // [{ code: 'H_LATE_SHARE', pointsLost: 30, … }, …]
 */
export function scorePerson(input: ScorePersonInput): PersonScore {
  const { model } = input;
  const prior = checkUnit('networkPrior', input.networkPrior);
  const networkIsPrior = input.network === undefined;
  const network = networkIsPrior ? prior : checkUnit('network', input.network as number);
  const own = scoreOwnDimensions(input);
  const dimensions: Dimensions = {
    history: own.history.value,
    behaviour: own.behaviour.value,
    capacity: own.capacity.value,
    identity: own.identity.value,
    network,
  };
  let blend = 0;
  for (const dimension of PERSONAL_DIMENSIONS) blend += model.weights[dimension] * dimensions[dimension];
  blend += model.weights.network * network;
  const exact = Math.min(SCORE_MAX, Math.max(SCORE_MIN, SCORE_MIN + SCORE_SPAN * blend));
  const score = Math.round(exact);
  return {
    score,
    exact,
    band: bandOf(score).id,
    dimensions,
    own: own.own,
    networkIsPrior,
    reasonCodes: pickReasonCodes(own, { value: network, prior, isPrior: networkIsPrior }, model),
    features: {
      history: own.history.features,
      behaviour: own.behaviour.features,
      capacity: own.capacity.features,
      identity: own.identity.features,
    },
    disputed: own.history.disputed,
    modelVersion: model.version,
  };
}
