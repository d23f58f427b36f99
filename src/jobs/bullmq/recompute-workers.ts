/**
 * Starts the BullMQ workers of the recompute pipeline in this process: one for `recompute`
 * parent jobs, one for `score-chunk` children, one for `prune-runs` housekeeping. Any number of processes, on any machines sharing
 * Redis and Neo4j, can run them. Each process also runs the lost-run reaper (run-reaper.ts).
 * `close()` stops taking jobs and waits for the active ones.
 */
import { Queue, Worker } from 'bullmq';
import type { Config } from '../../config.js';
import type { Model } from '../../score/index.js';
import type { RecomputePorts } from '../recompute/recompute-ports.js';
import { processChunk } from './chunk-processor.js';
import type { ChunkJobData, RecomputeJobData } from './job-data.js';
import { QUEUES, redisConnection, redisOptions } from './queues.js';
import { processRecompute, type RecomputeOutcome } from './recompute-processor.js';
import type { ScoreTally } from '../recompute/score-tally.js';
import type { BeforeStep } from '../recompute/steps.js';
import { startPruneWorker, type PruneJobData } from './prune-jobs.js';
import { startRunReaper, type RunReaperOptions } from './run-reaper.js';

export interface RecomputeWorkersOptions {
  config: Pick<Config, 'REDIS_URL' | 'QUEUE_PREFIX' | 'JOB_LOCK_MS' | 'RUNS_KEPT'>;
  store: RecomputePorts;
  model: Model;
  /** Chunk jobs processed at once by this process. Default 1. */
  concurrency?: number;
  onEvent?: (event: string) => void;
  /** The lost-run reaper's timing (run-reaper.ts); defaults: a sweep a minute, a minute's grace. */
  reaper?: RunReaperOptions;
  /** Awaited at the start of each step of a run (steps.ts): the fault tests' hook; none in production. */
  beforeStep?: BeforeStep;
}

export interface RecomputeWorkers {
  close(): Promise<void>;
}

export async function startRecomputeWorkers(options: RecomputeWorkersOptions): Promise<RecomputeWorkers> {
  const { config, store, model } = options;
  const prefix = config.QUEUE_PREFIX;
  const artifactsRedis = redisConnection(config);
  const chunkQueue = new Queue<ChunkJobData>(QUEUES.chunks, { connection: redisOptions(config), prefix });
  const parentQueue = new Queue<RecomputeJobData>(QUEUES.recompute, { connection: redisOptions(config), prefix });
  const pruneQueue = new Queue<PruneJobData>(QUEUES.prune, { connection: redisOptions(config), prefix });
  // While Redis is away the workers' 'error' events below say so; without listeners these two
  // would print a stack trace per reconnect attempt, and their commands wait for Redis anyway.
  artifactsRedis.on('error', () => undefined);
  chunkQueue.on('error', () => undefined);
  parentQueue.on('error', () => undefined);
  pruneQueue.on('error', () => undefined);
  const common = { prefix, lockDuration: config.JOB_LOCK_MS, stalledInterval: Math.min(30_000, config.JOB_LOCK_MS), maxStalledCount: 5 };

  const parents = new Worker<RecomputeJobData, RecomputeOutcome>(
    QUEUES.recompute,
    (job, token) => processRecompute(job, token, { store, model, redis: artifactsRedis, prefix, chunkQueue, pruneQueue, beforeStep: options.beforeStep }),
    { ...common, connection: redisOptions(config), concurrency: 1 },
  );
  const chunks = new Worker<ChunkJobData, ScoreTally>(
    QUEUES.chunks,
    (job) => processChunk(job, { store, model, redis: artifactsRedis, prefix }),
    { ...common, connection: redisOptions(config), concurrency: options.concurrency ?? 1 },
  );
  const log = options.onEvent ?? (() => undefined);
  const pruner = startPruneWorker({ connection: redisOptions(config), prefix, lockDuration: config.JOB_LOCK_MS, store, runsKept: config.RUNS_KEPT, log });
  parents.on('active', (job) => log(`recompute ${job.data.runId ?? job.id}: ${job.data.step}`));
  parents.on('completed', (job) => log(`recompute ${job.data.runId}: published`));
  parents.on('failed', (job, error) => log(`recompute ${job?.data.runId ?? job?.id}: failed: ${error.message}`));
  chunks.on('failed', (job, error) => log(`chunk ${job?.id}: failed: ${error.message}`));
  parents.on('error', (error) => log(`worker error: ${error.message}`));
  chunks.on('error', (error) => log(`worker error: ${error.message}`));
  await Promise.all([parents.waitUntilReady(), chunks.waitUntilReady(), pruner.waitUntilReady()]);
  // Runs whose job Redis lost would otherwise stay "running" forever (run-reaper.ts).
  const reaper = startRunReaper(store, parentQueue, log, options.reaper);

  return {
    async close() {
      reaper.stop();
      await Promise.all([parents.close(), chunks.close(), pruner.close()]);
      await Promise.all([chunkQueue.close(), parentQueue.close(), pruneQueue.close()]);
      await reaper.idle();
      artifactsRedis.disconnect();
    },
  };
}
