/**
 * Defaults of `tiescore model fit` (fit-model.ts), apart so the CLI can show them in its help
 * without loading the fit.
 */
export const FIT_DEFAULTS = {
  /** The most the network dimension may move a score: 600·w_network ≤ this. */
  networkCapPoints: 60,
  /** Share of the persons held out when no holdout is named. */
  holdoutShare: 0.3,
  /** Seed of the random holdout. */
  seed: 1,
  /** Candidate smoothing factors α and shrinkages κ (in contacts). */
  alphas: [0, 0.2, 0.5],
  shrinkages: [0.25, 0.5, 1, 2, 4],
  /**
   * Candidate half-widths h of the network band (docs/design.md, "The network band"); null: no
   * band, the dimension is the network value itself. Chosen on the tuning seed 7 only: the
   * likelihood always prefers a narrower band, but past 0.12 it gains little AUC for many more
   * points in a typical score (BENCHMARKS.md, "The network band"); `--band-widths` asks for more.
   */
  bandHalfWidths: [null, 0.25, 0.12] as readonly (number | null)[],
  /** Alternations of propagating and fitting the weights per candidate. */
  rounds: 3,
  /** Bootstrap replicates of the AUC difference with and without the network. */
  replicates: 500,
};
