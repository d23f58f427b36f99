/**
 * Which `running` runs have lost the job that computes them — the pure decision of the lost-run
 * reaper (I/O in jobs/bullmq/run-reaper.ts). A run's record lives in the store, its job in
 * Redis; when Redis loses the job (restarted without persistence, keys flushed) or the job ends
 * without recording the run's end (it stalled too often, or the store was down when it failed),
 * nothing would ever finish the run, and it would say "running" forever.
 *
 * A run is judged only when all of these hold:
 * - it is `running` and was computed by a job of this queue (`queuePrefix`): runs computed
 *   inline, or by another deployment's queue sharing the store, are never touched;
 * - its job was looked at (`jobs` has its id): no observation, no verdict;
 * - it started at least `graceMs` ago, so a job added a moment ago is left to settle.
 * Then it is lost when its job is in no live state: gone from Redis, failed or completed.
 */
import type { ScoreRun } from '../../domain/scores.js';

/** BullMQ states in which a job will still move its run on (a paused queue's job reads `waiting`). */
export const LIVE_JOB_STATES = ['waiting', 'delayed', 'prioritized', 'active', 'waiting-children'] as const;

/** What Redis said about a run's job. `unknown` is BullMQ's word for "no such job". */
export interface JobObservation {
  state: string;
  /** The job's last error, when it failed. */
  failedReason?: string | undefined;
}

export interface LostRunDefaults {
  /** Runs younger than this (from `startedAt`) are never judged. */
  graceMs: number;
}

export const DEFAULTS: LostRunDefaults = { graceMs: 60_000 };

export interface LostRun {
  runId: string;
  reason: string;
}

/** The job ids to look up before deciding: the running runs of this queue that have a job. */
export function jobIdsToCheck(runs: readonly ScoreRun[], queuePrefix: string): string[] {
  return runs.filter((run) => run.status === 'running' && run.queuePrefix === queuePrefix && run.jobId !== undefined).map((run) => run.jobId!);
}

/**
 * The runs to record failed, each with the reason `tiescore runs list/show` will print.
 *
 * @example
 * runsToReap([run], new Map([[run.jobId, { state: 'unknown' }]]), { queuePrefix: 'tiescore', now: new Date() });
 * // → [{ runId: run.id, reason: 'its job … was lost from Redis (…); start a new run' }] once the grace period is over
 */
export function runsToReap(
  runs: readonly ScoreRun[],
  jobs: ReadonlyMap<string, JobObservation>,
  options: { queuePrefix: string; now: Date } & Partial<LostRunDefaults>,
): LostRun[] {
  const { graceMs } = { ...DEFAULTS, ...options };
  const live = new Set<string>(LIVE_JOB_STATES);
  const lost: LostRun[] = [];
  for (const run of runs) {
    if (run.status !== 'running' || run.queuePrefix !== options.queuePrefix || run.jobId === undefined) continue;
    const job = jobs.get(run.jobId);
    if (!job || live.has(job.state)) continue;
    const startedAt = Date.parse(run.startedAt);
    if (!(options.now.getTime() - startedAt >= graceMs)) continue; // also skips an unreadable startedAt
    lost.push({ runId: run.id, reason: lostReason(run.jobId, job) });
  }
  return lost;
}

function lostReason(jobId: string, job: JobObservation): string {
  switch (job.state) {
    case 'unknown':
      return `its job ${jobId} was lost from Redis (Redis restarted without persistence or its queue keys were removed); start a new run`;
    case 'failed':
      return `its job ${jobId} failed without recording the run's end${job.failedReason ? ` (${job.failedReason})` : ''}; start a new run`;
    default:
      return `its job ${jobId} ended (${job.state}) without finishing the run; start a new run`;
  }
}
