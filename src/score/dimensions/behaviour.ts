/**
 * The behaviour dimension: paying bills on time and regular account activity. It never looks
 * at *what* a person buys — no "video games lower, diapers raise".
 */
import { scoreDimension, type DimensionScore } from '../dimension.js';
import type { MeasureValues } from '../measures.js';
import type { Model } from '../model.js';
import type { ScoringFeatures } from '../scoring-features.js';

/**
 * The behaviour measures of a person.
 *
 * @example
 * behaviourMeasures({ ...features, billsOnTimeRatio: 0.97, activityRegularity: 0.9 });
 * // { billsOnTimeRatio: 0.97, activityRegularity: 0.9 }
 */
export function behaviourMeasures(person: ScoringFeatures): MeasureValues<'behaviour'> {
  return { billsOnTimeRatio: person.billsOnTimeRatio, activityRegularity: person.activityRegularity };
}

/**
 * Scores the behaviour dimension.
 *
 * @example
 * scoreBehaviour(features, model).value; // 1 for bills 0.97 on time and regularity 0.9
 */
export function scoreBehaviour(person: ScoringFeatures, model: Model): DimensionScore {
  return scoreDimension('behaviour', behaviourMeasures(person), model);
}
