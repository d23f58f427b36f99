/**
 * The lost-run reaper: records failed the `running` runs whose recompute job Redis no longer has
 * (or that ended without recording the run's end), so `tiescore runs list/show` says what
 * happened and that a new run is needed, instead of "running" forever. The decision is pure
 * (recompute/lost-runs.ts); this file looks the jobs up and applies it.
 *
 * Every worker process sweeps once on start and then every `intervalMs` (one store query for the
 * running runs, one Redis call per running run of this queue). Several workers sweeping at once
 * are harmless: a run is failed only if it is still running (`Store.failRunIfRunning`), so a run
 * that finished between the look-up and the write keeps its outcome. A sweep that cannot reach
 * Redis or the store judges nothing and is tried again at the next tick.
 */
import type { Queue } from 'bullmq';
import type { RunPort } from '../../store/store.js';
import { jobIdsToCheck, runsToReap, type JobObservation, type LostRun } from '../recompute/lost-runs.js';

export interface RunReaperOptions {
  /** Time between sweeps. Default one minute. */
  intervalMs?: number;
  /** Runs that started less than this ago are left alone (lost-runs.ts). Default one minute. */
  graceMs?: number;
}

export const REAPER_DEFAULTS = { intervalMs: 60_000, graceMs: 60_000 } as const;

/**
 * One sweep: the runs of `queue` it recorded failed, with their reasons.
 *
 * @example
 * const reaped = await reapLostRuns(store, recomputeQueue(config), { graceMs: 60_000 });
 */
export async function reapLostRuns(store: Pick<RunPort, 'runningRuns' | 'failRunIfRunning'>, queue: Queue, options: { graceMs?: number; now?: () => Date } = {}): Promise<LostRun[]> {
  const runs = await store.runningRuns();
  const jobs = new Map<string, JobObservation>();
  for (const jobId of jobIdsToCheck(runs, queue.opts.prefix!)) {
    const state = await queue.getJobState(jobId);
    const failedReason = state === 'failed' ? (await queue.getJob(jobId))?.failedReason : undefined;
    jobs.set(jobId, { state, failedReason });
  }
  const now = options.now?.() ?? new Date();
  const lost = runsToReap(runs, jobs, { queuePrefix: queue.opts.prefix!, now, graceMs: options.graceMs ?? REAPER_DEFAULTS.graceMs });
  const reaped: LostRun[] = [];
  for (const run of lost) {
    if (await store.failRunIfRunning(run.runId, { finishedAt: now.toISOString(), failureReason: run.reason })) reaped.push(run);
  }
  return reaped;
}

export interface RunReaper {
  /** Stops the timer; a sweep in progress finishes (or fails once its queue is closed). */
  stop(): void;
  /** Resolves when no sweep is in progress. */
  idle(): Promise<void>;
}

/**
 * Sweeps now and every `intervalMs`, skipping a tick while the last sweep still waits (on a Redis
 * that is away, say); `log` hears each reaped run and each sweep that failed.
 */
export function startRunReaper(store: Pick<RunPort, 'runningRuns' | 'failRunIfRunning'>, queue: Queue, log: (line: string) => void, options: RunReaperOptions = {}): RunReaper {
  const { intervalMs, graceMs } = { ...REAPER_DEFAULTS, ...options };
  let sweeping: Promise<void> | undefined;
  const sweep = () => {
    if (sweeping) return;
    sweeping = reapLostRuns(store, queue, { graceMs })
      .then((reaped) => {
        for (const run of reaped) log(`recompute ${run.runId}: failed: ${run.reason}`);
      })
      .catch((error: Error) => log(`lost-run sweep skipped: ${error.message}`))
      .finally(() => (sweeping = undefined));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    idle: async () => {
      await sweeping;
    },
  };
}
