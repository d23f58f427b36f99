/**
 * Deleting the runs beyond RUNS_KEPT as its own job: PUBLISH adds one after making its run the
 * served one, and a worker of the recompute pipeline deletes them in the background, so a run is
 * done when it is published, not when an old full run's scores are gone (seconds per 100k
 * persons). One job per published run; a job that finds nothing to delete costs one read.
 */
import { Worker, type Queue, type RedisOptions } from 'bullmq';
import type { RunPort } from '../../store/store.js';
import { pruneRuns } from '../recompute/run-lifecycle.js';
import { JOB_RETENTION, QUEUES, RETRIES } from './queues.js';

export interface PruneJobData {
  /** The run whose publish asked for it (for the dashboard and logs). */
  publishedRunId: string;
}

export interface PruneOutcome {
  deleted: string[];
}

/** Asks for the runs beyond RUNS_KEPT to be deleted; idempotent per published run. */
export async function enqueuePrune(queue: Queue<PruneJobData>, publishedRunId: string): Promise<void> {
  await queue.add('prune-runs', { publishedRunId }, { jobId: `prune-${publishedRunId}`, ...RETRIES, ...JOB_RETENTION });
}

export interface PruneWorkerOptions {
  connection: RedisOptions;
  prefix: string;
  lockDuration: number;
  store: RunPort;
  runsKept: number;
  log: (line: string) => void;
}

/** A worker deleting old runs, one job at a time. */
export function startPruneWorker(options: PruneWorkerOptions): Worker<PruneJobData, PruneOutcome> {
  const worker = new Worker<PruneJobData, PruneOutcome>(
    QUEUES.prune,
    async () => ({ deleted: await pruneRuns(options.store, options.runsKept) }),
    { connection: options.connection, prefix: options.prefix, lockDuration: options.lockDuration, concurrency: 1 },
  );
  worker.on('completed', (_job, outcome) => {
    if (outcome.deleted.length > 0) options.log(`prune: deleted ${outcome.deleted.length} run(s) beyond RUNS_KEPT: ${outcome.deleted.join(', ')}`);
  });
  worker.on('failed', (_job, error) => options.log(`prune: failed: ${error.message}`));
  worker.on('error', (error) => options.log(`prune worker error: ${error.message}`));
  return worker;
}
