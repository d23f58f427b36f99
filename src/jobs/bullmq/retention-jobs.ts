/**
 * The retention sweep as a BullMQ job: a job scheduler runs it on the nightly recompute's cron
 * (a worker creates both on start), any `tiescore worker` processes it, and the job's return
 * value — and the worker's log line — say how many records it removed.
 */
import { Worker, type Queue } from 'bullmq';
import type { Config } from '../../config.js';
import type { Model } from '../../score/index.js';
import type { PrivacyPort, ScoreExportPort } from '../../store/store.js';
import { describeRetention, runRetention, type RetentionOutcome } from '../retention/run-retention.js';
import { JOB_RETENTION, QUEUES, RETRIES, redisOptions } from './queues.js';

export const RETENTION_SCHEDULER_ID = 'nightly-retention';

/** Creates or replaces the nightly retention schedule (same cron and zone as the recompute). */
export async function scheduleRetention(queue: Queue, cron: string, tz: string): Promise<void> {
  await queue.upsertJobScheduler(RETENTION_SCHEDULER_ID, { pattern: cron, tz }, { name: 'retention', data: {}, opts: { ...RETRIES, ...JOB_RETENTION } });
}

export async function unscheduleRetention(queue: Queue): Promise<boolean> {
  return queue.removeJobScheduler(RETENTION_SCHEDULER_ID);
}

export interface RetentionWorkerOptions {
  config: Pick<Config, 'REDIS_URL' | 'QUEUE_PREFIX' | 'JOB_LOCK_MS' | 'ACCESS_LOG_RETENTION_DAYS'>;
  store: PrivacyPort & ScoreExportPort;
  model: Pick<Model, 'history'>;
  onEvent?: (event: string) => void;
}

/** Starts a worker for retention jobs; `close()` waits for the active one. */
export async function startRetentionWorker(options: RetentionWorkerOptions): Promise<Worker<unknown, RetentionOutcome>> {
  const { config, store, model } = options;
  const log = options.onEvent ?? (() => undefined);
  const worker = new Worker<unknown, RetentionOutcome>(
    QUEUES.retention,
    () => runRetention(store, model, { accessLogRetentionDays: config.ACCESS_LOG_RETENTION_DAYS }),
    { connection: redisOptions(config), prefix: config.QUEUE_PREFIX, lockDuration: config.JOB_LOCK_MS, concurrency: 1 },
  );
  worker.on('completed', (_job, outcome) => log(describeRetention(outcome)));
  worker.on('failed', (_job, error) => log(`retention: failed: ${error.message}`));
  worker.on('error', (error) => log(`retention worker error: ${error.message}`));
  await worker.waitUntilReady();
  return worker;
}
