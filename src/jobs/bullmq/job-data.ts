/** What a recompute job and its chunk jobs carry in Redis (the job data is the resume point). */
import type { RecomputeStep, StepTimings } from '../recompute/steps.js';

export interface RecomputeJobData {
  /** Run id (also the job id when enqueued by hand); a scheduled job gets one on its first step. */
  runId?: string;
  kind: 'full';
  /** Scoring date YYYY-MM-DD; default the day the job was created (UTC). */
  asOf?: string;
  /** Model version the enqueuer expected; a worker with another model refuses the job. */
  modelVersion?: string;
  chunkSize: number;
  /** The step to run next; advanced (and saved) when a step finishes. */
  step: RecomputeStep | 'DONE';
  timings: StepTimings;
  /** Set once the SCORE children were added. */
  chunks?: number;
  /** When SCORE added its children (epoch ms): SCORE's timing spans the children's work. */
  scoreStartedAt?: number;
  /** Stats of the network step, carried to PUBLISH. */
  networkStats?: Record<string, unknown>;
}

export interface ChunkJobData {
  runId: string;
  fromSeq: number;
  toSeq: number;
}

/** Progress reported through job.updateProgress: the step and how far it is. */
export interface RecomputeProgress {
  step: RecomputeStep;
  done: number;
  total: number;
}
