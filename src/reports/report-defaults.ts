/**
 * The defaults of the evaluation and fairness reports, apart from their maths so that the CLI
 * can show them in `--help` without loading the reports (src/cli/main.ts).
 */

export const EVALUATION_DEFAULTS = {
  /** At most this many credit events on record makes a thin file. */
  thinFileMaxEvents: 1,
  /**
   * Bootstrap replicates of the AUC difference: 200 keep a 100k-person report near a second
   * and are plenty for an interval this narrow (the two scores are highly correlated).
   */
  replicates: 200,
  /** Two-sided confidence level of its interval. */
  confidence: 0.95,
  /** Bootstrap PRNG seed (fixed: the same data give the same interval). */
  seed: 1,
  /** ROC points per curve in the report. */
  rocPoints: 200,
};

export const FAIRNESS_DEFAULTS = {
  /** Approve at or above this score: the lowest score of the "good" band. */
  cutoff: 600,
  /** Adverse impact ratios under this are flagged (the four-fifths rule). */
  threshold: 0.8,
  /** No count smaller than this can be read off the report (see fairness.ts). */
  minGroupSize: 30,
};
