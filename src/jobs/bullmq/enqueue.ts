/** Enqueues recompute runs and manages the nightly job scheduler. */
import type { Job, Queue } from 'bullmq';
import type { Model } from '../../score/index.js';
import { newRunId } from '../recompute/run-id.js';
import type { RecomputeJobData } from './job-data.js';
import { JOB_RETENTION, RETRIES } from './queues.js';

export const NIGHTLY_SCHEDULER_ID = 'nightly-recompute';
export const DEFAULT_CHUNK_SIZE = 10_000;

export interface EnqueueOptions {
  /** `incremental` rescores what changed since the published run, at that run's as-of date. */
  kind?: RecomputeJobData['kind'];
  /** Scoring date of a full run (default today, UTC). */
  asOf?: string;
  chunkSize?: number;
}

export async function enqueueRecompute(queue: Queue, model: Model, options: EnqueueOptions = {}): Promise<Job<RecomputeJobData>> {
  const now = new Date();
  const runId = newRunId(now);
  const kind = options.kind ?? 'full';
  const data: RecomputeJobData = {
    runId,
    kind,
    ...(kind === 'full' ? { asOf: options.asOf ?? now.toISOString().slice(0, 10) } : {}),
    modelVersion: model.version,
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    step: 'SNAPSHOT',
    timings: {},
  };
  return queue.add('recompute', data, { jobId: runId, ...RETRIES, ...JOB_RETENTION });
}

/** Creates or replaces the nightly schedule. */
export async function scheduleNightly(queue: Queue, cron: string, tz: string): Promise<void> {
  const data: RecomputeJobData = { kind: 'full', chunkSize: DEFAULT_CHUNK_SIZE, step: 'SNAPSHOT', timings: {} };
  await queue.upsertJobScheduler(NIGHTLY_SCHEDULER_ID, { pattern: cron, tz }, { name: 'recompute', data, opts: { ...RETRIES, ...JOB_RETENTION } });
}

export async function unscheduleNightly(queue: Queue): Promise<boolean> {
  return queue.removeJobScheduler(NIGHTLY_SCHEDULER_ID);
}

export async function nightlySchedule(queue: Queue): Promise<{ pattern?: string; tz?: string; next?: number } | undefined> {
  const scheduler = await queue.getJobScheduler(NIGHTLY_SCHEDULER_ID);
  return scheduler ? { pattern: scheduler.pattern ?? undefined, tz: scheduler.tz ?? undefined, next: scheduler.next ?? undefined } : undefined;
}
