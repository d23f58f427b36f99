/**
 * The runs port: score run records and the publication pointer (the run the API serves). A run's
 * scores are the scores port's.
 */
import type { ScoreRun } from '../../domain/scores.js';
import type { MethodSet } from './port-methods.js';

/** How a run failed, for `failRunIfRunning`. */
export interface RunFailure {
  /** ISO instant. */
  finishedAt: string;
  failureReason: string;
}

/** How a run finished, for `completeRunUnlessFailed`. */
export interface RunCompletion {
  /** ISO instant. */
  finishedAt: string;
  stats: Record<string, unknown>;
}

export interface RunPort {
  createRun(run: ScoreRun): Promise<void>;
  /** Merges `patch` into the run (status, finishedAt, stats, failureReason). */
  updateRun(id: string, patch: Partial<Omit<ScoreRun, 'id'>>): Promise<void>;
  getRun(id: string): Promise<ScoreRun | undefined>;
  /** Newest first. */
  listRuns(limit: number): Promise<ScoreRun[]>;
  /** Every run whose status is `running`, oldest first. */
  runningRuns(): Promise<ScoreRun[]>;
  /**
   * Records a run failed — status, `finishedAt`, `failureReason` — in one step, only if it is
   * still `running`: a run that finished meanwhile is left alone. True when it was failed.
   */
  failRunIfRunning(id: string, failure: RunFailure): Promise<boolean>;
  /**
   * Records a run complete — status `complete`, `finishedAt`, `stats` — in one step, unless it
   * has failed meanwhile (`failRunIfRunning`: a failure is final). True when recorded, also for a
   * run complete already; false when it failed or is missing.
   */
  completeRunUnlessFailed(id: string, completion: RunCompletion): Promise<boolean>;
  /** Makes a complete run the served one, in one transaction. Throws if it is not complete. */
  publishRun(id: string, at: string): Promise<void>;
  /** The run the API serves, if any. */
  publishedRun(): Promise<ScoreRun | undefined>;
  /** Deletes a run and its scores (never the published one). */
  deleteRun(id: string): Promise<void>;
}

export const RUN_METHODS: MethodSet<RunPort> = {
  createRun: true,
  updateRun: true,
  getRun: true,
  listRuns: true,
  runningRuns: true,
  failRunIfRunning: true,
  completeRunUnlessFailed: true,
  publishRun: true,
  publishedRun: true,
  deleteRun: true,
};
