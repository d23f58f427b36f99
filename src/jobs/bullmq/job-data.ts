/** What a recompute job and its chunk jobs carry in Redis (the job data is the resume point). */
import type { ScoreTally } from '../recompute/score-tally.js';
import type { PropagateStats, RecomputeStep, StepTimings } from '../recompute/steps.js';

/** The stats PROPAGATE carries to PUBLISH, with SCORE's tally once it has one. */
export type CarriedStats = PropagateStats & { tally?: ScoreTally };

export interface RecomputeJobData {
  /** Run id (also the job id when enqueued by hand); a scheduled job gets one on its first step. */
  runId?: string;
  /** `incremental` rescores only what changed since the published run (its base). */
  kind: 'full' | 'incremental';
  /** Incremental runs: the base run, fixed on the first step. */
  baseRunId?: string;
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
  networkStats?: CarriedStats;
}

export interface ChunkJobData {
  runId: string;
  /** The network slice the chunk reads: seqs [fromSeq, toSeq). */
  fromSeq: number;
  toSeq: number;
  /** Incremental runs: the seqs to rescore (all within [fromSeq, toSeq)); absent = the whole range. */
  seqs?: number[];
}

/** Progress reported through job.updateProgress: the step and how far it is. */
export interface RecomputeProgress {
  step: RecomputeStep;
  done: number;
  total: number;
}
