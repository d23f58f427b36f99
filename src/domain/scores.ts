/**
 * Score runs and the per-person scores they produce (docs/design.md, "The batch pipeline").
 *
 * A run is `running` until its scores are all staged, then `complete`; PUBLISH makes a complete
 * run the served one in one transaction. An incremental run writes only the persons whose score
 * moved, so it records its `lineage`: its own id, then its base run's lineage, down to the last
 * full run. A person's served score is their score in the newest run of the served run's lineage
 * that scored them.
 */
import type { Dimensions } from '../score/index.js';

export type { Dimensions };

export const RUN_STATUSES = ['running', 'complete', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface ScoreRun {
  id: string;
  kind: 'full' | 'incremental';
  status: RunStatus;
  modelVersion: string;
  /** The as-of date the run scored at (YYYY-MM-DD). */
  asOf: string;
  startedAt: string;
  finishedAt?: string | undefined;
  publishedAt?: string | undefined;
  /** This run's id followed by its base runs' ids, newest first, ending at a full run. */
  lineage: string[];
  /** Counts per band, mean score, iterations, timings per step, … (JSON-serialisable). */
  stats: Record<string, unknown>;
  failureReason?: string | undefined;
  /** The queued job that computes the run (absent for a run computed inline, in one process). */
  jobId?: string | undefined;
  /** The QUEUE_PREFIX of that job's queue: only workers of that queue may judge the job lost. */
  queuePrefix?: string | undefined;
}


/** A key factor of a stored score (see src/score/reason-codes.ts). */
export interface ReasonCode {
  code: string;
  reason: string;
  /** Score points this factor cost. */
  pointsLost?: number | undefined;
}

/** One person's score in one run. */
export interface PersonScore {
  runId: string;
  personId: string;
  seq: number;
  score: number;
  band: string;
  dimensions: Dimensions;
  reasonCodes: ReasonCode[];
  modelVersion: string;
}
