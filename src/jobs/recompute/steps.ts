/** The steps of a recompute run, in order (docs/design.md, "The batch pipeline"). */
export const RECOMPUTE_STEPS = ['SNAPSHOT', 'PROPAGATE', 'SCORE', 'PUBLISH'] as const;
export type RecomputeStep = (typeof RECOMPUTE_STEPS)[number];

/** Milliseconds each finished step took, recorded in the run's stats. */
export type StepTimings = Partial<Record<RecomputeStep, number>>;
