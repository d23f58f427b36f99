/**
 * The identity dimension: a verified identity and the age of the account. Address changes are
 * measured too, but the default model gives them 0 points (scoring them would penalise renters
 * and migrants); they stay in the model so anyone can see that, and change it.
 */
import { monthsBetween } from '../dates.js';
import { scoreDimension, type DimensionScore } from '../dimension.js';
import type { MeasureValues } from '../measures.js';
import type { Model } from '../model.js';
import type { ScoringFeatures } from '../scoring-features.js';

/**
 * The identity measures of a person on a date.
 *
 * @example
 * identityMeasures({ ...features, verified: true, accountCreated: '2025-11-01' }, '2026-11-01');
 * // { verified: 1, accountAgeMonths: 11.99…, addressChanges: … } (365 days of 365.25/12 per month)
 */
export function identityMeasures(person: ScoringFeatures, asOf: string): MeasureValues<'identity'> {
  return {
    verified: person.verified === undefined ? undefined : person.verified ? 1 : 0,
    accountAgeMonths: person.accountCreated === undefined ? undefined : Math.max(0, monthsBetween(person.accountCreated, asOf)),
    addressChanges: person.addressChanges,
  };
}

/**
 * Scores the identity dimension.
 *
 * @example
 * scoreIdentity(features, '2026-11-01', model).value; // 1 for a verified account over 3 years old
 */
export function scoreIdentity(person: ScoringFeatures, asOf: string, model: Model): DimensionScore {
  return scoreDimension('identity', identityMeasures(person, asOf), model);
}
