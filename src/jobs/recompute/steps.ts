/** The steps of a recompute run, in order (docs/design.md, "The batch pipeline"). */
export const RECOMPUTE_STEPS = ['SNAPSHOT', 'PROPAGATE', 'SCORE', 'PUBLISH'] as const;
export type RecomputeStep = (typeof RECOMPUTE_STEPS)[number];

/** Milliseconds each finished step took, recorded in the run's stats. */
export type StepTimings = Partial<Record<RecomputeStep, number>>;

/**
 * Awaited at the start of each step of a worker's run, after the step is saved in the job and
 * before its work: the fault tests pass one that stops the worker there, so that it can be
 * killed *in* a step that takes milliseconds (test/support/paused-worker.ts).
 */
export type BeforeStep = (step: RecomputeStep, runId: string) => Promise<void>;
