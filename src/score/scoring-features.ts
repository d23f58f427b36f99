/**
 * The only view of a person that scoring code gets. It is built by copying an explicit list
 * of allowed fields, so the protected attributes stored for fairness reports (see Person in
 * src/domain/records.ts) never reach a dimension function, not even as an unread property.
 * A field added to Person later stays out of the score until it is added here on purpose.
 * test/unit/score/scoring-features.test.ts checks that no source in src/score names them.
 */
import type { Person } from '../domain/records.js';

/** The fields of a person the scorecard may read. */
export const SCORING_FEATURE_KEYS = [
  'id',
  'verified',
  'accountCreated',
  'incomeMonthly',
  'debtMonthly',
  'assets',
  'billsOnTimeRatio',
  'activityRegularity',
  'addressChanges',
] as const satisfies readonly (keyof Person)[];

/** A person narrowed to the fields the scorecard may read. */
export type ScoringFeatures = Pick<Person, (typeof SCORING_FEATURE_KEYS)[number]>;

/**
 * Copies the allowed fields of a person and nothing else.
 *
 * @example
 * const features = pickScoringFeatures(person);
 * Object.keys(features); // exactly SCORING_FEATURE_KEYS
 */
export function pickScoringFeatures(person: ScoringFeatures): ScoringFeatures {
  return {
    id: person.id,
    verified: person.verified,
    accountCreated: person.accountCreated,
    incomeMonthly: person.incomeMonthly,
    debtMonthly: person.debtMonthly,
    assets: person.assets,
    billsOnTimeRatio: person.billsOnTimeRatio,
    activityRegularity: person.activityRegularity,
    addressChanges: person.addressChanges,
  };
}
