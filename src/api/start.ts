/**
 * Assembling a running API from configuration — what `tiescore serve` does:
 * - production: the Neo4j store, recompute jobs on the BullMQ queue in Redis;
 * - embedded (`--embedded`): a synthetic population scored in memory, jobs run inline, and a
 *   key per role printed so the API can be tried at once (no services needed).
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ApiRole } from '../domain/safeguards.js';
import { Queue } from 'bullmq';
import { QUEUES, recomputeQueue } from '../jobs/bullmq/queues.js';
import type { Model } from '../score/index.js';
import type { Store } from '../store/store.js';
import { FAIL_FAST } from '../store/neo4j/connection.js';
import type { Neo4jStoreOptions } from '../store/neo4j/neo4j-store.js';
import { createApp } from './app.js';
import { AttestationKeys } from './attestation/signing-keys.js';
import { issueApiKey } from './auth/api-keys.js';
import type { ApiOptions } from './deps.js';
import { RedisSnapshotImages } from '../jobs/bullmq/redis-snapshot-images.js';
import { memoryImagesOf } from '../jobs/recompute/snapshot-images.js';
import { PublishedNetworkViews } from './network-view.js';
import { bullmqRecomputeJobs, InlineRecomputeJobs, type RecomputeJobs } from './recompute-jobs.js';
import { startServer, type RunningServer } from './server.js';
import { withoutPassword } from '../url-credentials.js';

export type ApiConfig = Pick<
  Config,
  'HOST' | 'PORT' | 'TRUST_PROXY' | 'API_BODY_LIMIT' | 'RATE_LIMIT_PER_MINUTE' | 'CORS_ORIGINS' | 'ATTESTATION_KEYS_FILE' | 'ATTESTATION_TTL_SECONDS' | 'REDIS_URL' | 'QUEUE_PREFIX' | 'ERASURE_SALT' | 'FAIRNESS_CUTOFFS' | 'API_SCORE_CACHE'
>;

/** The API options a configuration sets (the API key cache keeps its default, DEFAULT_API_OPTIONS). */
export function apiOptionsFrom(config: ApiConfig): Omit<ApiOptions, 'apiKeyCacheMs'> {
  return {
    bodyLimitBytes: config.API_BODY_LIMIT,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    corsOrigins: config.CORS_ORIGINS ? config.CORS_ORIGINS.split(',').map((origin) => origin.trim()) : [],
    attestationTtlSeconds: config.ATTESTATION_TTL_SECONDS,
    trustProxy: config.TRUST_PROXY === undefined ? false : /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY,
    erasureSalt: config.ERASURE_SALT,
    fairnessCutoffs: config.FAIRNESS_CUTOFFS,
    scoreCachePersons: config.API_SCORE_CACHE,
  };
}

/** Signing keys from ATTESTATION_KEYS_FILE, or generated now with a warning. */
export async function attestationKeysFrom(config: Pick<Config, 'ATTESTATION_KEYS_FILE'>, logger: Logger): Promise<AttestationKeys> {
  if (config.ATTESTATION_KEYS_FILE) return AttestationKeys.load(config.ATTESTATION_KEYS_FILE);
  const keys = await AttestationKeys.generate();
  logger.warn(
    { kid: keys.active.kid },
    'ATTESTATION_KEYS_FILE is not set: attestations are signed with a key generated at start; they stop verifying when this process ' +
      'restarts, and several API processes do not share it (make a key file with `tiescore keys signing-key --out FILE`)',
  );
  return keys;
}

/**
 * How the production API opens its Neo4j store: it gives up on an unreachable Neo4j within about
 * a second, so a request answers 503 with Retry-After instead of waiting out the batch jobs' 15 s
 * of retries; the driver reconnects by itself when Neo4j is back.
 */
export const API_STORE_OPTIONS: Neo4jStoreOptions = { timeouts: FAIL_FAST };

/** The API's Redis clients: a command fails at once while Redis is away (no offline queue, one retry). */
const FAIL_FAST_REDIS = { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 } as const;

export interface RunningApi extends RunningServer {
  /** Stops the server, then releases the store, queue and Redis connection. */
  stop(): Promise<void>;
}

/** The production API over a store the caller opened (closed by `stop`) and the BullMQ queue. */
export async function startProductionApi(options: { config: ApiConfig; store: Store; model: Model; logger: Logger; host?: string; port?: number }): Promise<RunningApi> {
  const { config, store, model, logger } = options;
  const attestationKeys = await attestationKeysFrom(config, logger);
  // Fail fast while Redis is away (readiness reports it) instead of queueing commands forever,
  // and while it is hung (connected, silent): no job command waits more than a second.
  const redis = new Redis(config.REDIS_URL, { ...FAIL_FAST_REDIS, commandTimeout: 1_000 });
  // Snapshot images are large (about 140 MB for 1M persons): their reads get a minute.
  const imagesRedis = new Redis(config.REDIS_URL, { ...FAIL_FAST_REDIS, commandTimeout: 60_000 });
  let lastRedisError = 0;
  const warn = (error: Error) => {
    if (Date.now() - lastRedisError > 30_000) logger.warn({ err: { message: error.message } }, 'Redis connection error');
    lastRedisError = Date.now();
  };
  redis.on('error', warn);
  imagesRedis.on('error', warn);
  // Give Redis a moment to connect, so the server does not start out "not ready"; an absent
  // Redis only stops job endpoints and readiness, never score reads.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      logger.warn({ redis: withoutPassword(config.REDIS_URL) }, 'Redis is not reachable yet: recompute jobs are unavailable until it is');
      resolve();
    }, 5_000);
    const ready = (client: Redis) => new Promise((connected) => client.once('ready', connected));
    void Promise.all([ready(redis), ready(imagesRedis)]).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  const queue = recomputeQueue(config, redis);
  queue.on('error', () => undefined); // reported by the connection listener above
  const jobs: RecomputeJobs = bullmqRecomputeJobs(queue, model, redis);
  const chunkQueue = new Queue(QUEUES.chunks, { connection: redis, prefix: config.QUEUE_PREFIX });
  chunkQueue.on('error', () => undefined);
  const app = createApp({
    store,
    model,
    // The views start from the published run's snapshot image, kept in Redis by the workers.
    networkViews: new PublishedNetworkViews(store, model, new RedisSnapshotImages(imagesRedis, config.QUEUE_PREFIX)),
    jobs,
    dashboardQueues: [queue, chunkQueue],
    attestationKeys,
    clock: () => new Date(),
    logger,
    options: apiOptionsFrom(config),
  });
  const running = await startServer(app, { host: options.host ?? config.HOST, port: options.port ?? config.PORT });
  return {
    ...running,
    async stop() {
      await running.close();
      await queue.close().catch(() => undefined);
      await chunkQueue.close().catch(() => undefined);
      redis.disconnect();
      imagesRedis.disconnect();
      await store.close();
    },
  };
}

export interface EmbeddedApi extends RunningApi {
  /** One key per role (the subject key speaks for `subjectId`); printed once by `serve`. */
  keys: Record<ApiRole, string>;
  subjectId: string;
}

/** The API over a synthetic population scored in memory; jobs run inline. */
export async function startEmbeddedApi(options: {
  config: ApiConfig;
  model: Model;
  logger: Logger;
  /** A scored in-memory population (see runDemo). */
  store: Store;
  /** Scoring date of recomputes the API starts. */
  asOf: string;
  host?: string;
  port?: number;
}): Promise<EmbeddedApi> {
  const { config, model, logger, store } = options;
  const attestationKeys = await attestationKeysFrom(config, logger);
  const [first] = await store.personsInSeqRange(0, 1);
  const subjectId = first!.id;
  const keys = {} as Record<ApiRole, string>;
  keys.admin = (await issueApiKey(store, { role: 'admin', name: 'embedded-admin' })).key;
  keys.analyst = (await issueApiKey(store, { role: 'analyst', name: 'embedded-analyst' })).key;
  keys.consumer = (await issueApiKey(store, { role: 'consumer', name: 'demo-lender' })).key;
  keys.subject = (await issueApiKey(store, { role: 'subject', personId: subjectId, name: `subject-${subjectId}` })).key;
  keys.batch = (await issueApiKey(store, { role: 'batch', name: 'demo-decision-engine' })).key;
  const app = createApp({
    store,
    model,
    networkViews: new PublishedNetworkViews(store, model, memoryImagesOf(store)),
    jobs: new InlineRecomputeJobs(store, model, { defaultAsOf: options.asOf }),
    attestationKeys,
    clock: () => new Date(),
    logger,
    options: apiOptionsFrom(config),
  });
  const running = await startServer(app, { host: options.host ?? config.HOST, port: options.port ?? config.PORT });
  return { ...running, keys, subjectId, stop: () => running.close() };
}
