/**
 * The BullMQ queues of the recompute pipeline and how to connect to them. One place for the
 * queue names, the Redis connection options and the job hygiene (retention, retries).
 */
import { Queue, type JobsOptions, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../../config.js';

/**
 * Parent `recompute` jobs walk the steps; `score-chunk` children score person ranges;
 * `prune-runs` jobs delete runs beyond RUNS_KEPT after a publish; `retention` sweeps remove
 * records past their retention (jobs/retention/).
 */
export const QUEUES = { recompute: 'recompute', chunks: 'recompute-chunks', prune: 'recompute-prune', retention: 'retention' } as const;

export type QueueConfig = Pick<Config, 'REDIS_URL' | 'QUEUE_PREFIX'>;

/**
 * Connection options as BullMQ wants them (no per-request retry limit, so blocking calls wait).
 * Give these — not a client — to a Queue, Worker or QueueEvents: BullMQ then owns the
 * connection and `close()` releases it (a client passed in is left open, keeping the process alive).
 */
export function redisOptions(config: Pick<Config, 'REDIS_URL'>): RedisOptions {
  return { url: config.REDIS_URL, maxRetriesPerRequest: null };
}

/** A Redis client of our own (artifacts, pings); the caller disconnects it. */
export function redisConnection(config: Pick<Config, 'REDIS_URL'>): Redis {
  return new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
}

/** Finished jobs kept for the dashboard and `tiescore recompute --wait`; failed ones longer. */
export const JOB_RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 5000 },
};

/** Transient Neo4j/Redis errors are retried with exponential backoff; bad data is not (UnrecoverableError). */
export const RETRIES: Pick<JobsOptions, 'attempts' | 'backoff'> = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
};

export function recomputeQueue(config: QueueConfig, connection: Redis | RedisOptions = redisOptions(config)): Queue {
  return new Queue(QUEUES.recompute, { connection, prefix: config.QUEUE_PREFIX });
}

export function retentionQueue(config: QueueConfig, connection: Redis | RedisOptions = redisOptions(config)): Queue {
  return new Queue(QUEUES.retention, { connection, prefix: config.QUEUE_PREFIX });
}
