/**
 * Observed outcomes, for backtests of published scores (`tiescore evaluate`, the evaluation
 * report): whether a person defaulted in the period after a run's as-of date. They are never
 * a score input — the scoring code does not read them.
 */

/** One person's observed outcome (file columns `person_id,defaulted`). */
export interface Outcome {
  personId: string;
  /** The person defaulted in the outcome period. */
  defaulted: boolean;
}
