/** Opens a queue for a CLI command; Redis that does not answer becomes one line naming the URL and the fix. */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { recomputeQueue, redisConnection, retentionQueue } from '../jobs/bullmq/queues.js';
import { CliError } from './cli-error.js';
import { serviceLine } from './service-errors.js';

/** How long a CLI command waits for Redis to answer its first PING. */
const PING_TIMEOUT_MS = 5_000;

export function withRecomputeQueue<T>(config: Config, work: (queue: Queue) => Promise<T>): Promise<T> {
  return withQueue(config, recomputeQueue, work);
}

export function withRetentionQueue<T>(config: Config, work: (queue: Queue) => Promise<T>): Promise<T> {
  return withQueue(config, retentionQueue, work);
}

/**
 * A Redis connection that answered a PING. A refused or failed connection fails at once (ioredis
 * would retry it for ever); a server that accepts but does not answer, after PING_TIMEOUT_MS.
 */
export async function connectCliRedis(config: Pick<Config, 'REDIS_URL'>): Promise<Redis> {
  const connection = redisConnection(config);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      connection.ping(),
      new Promise((_, reject) => {
        connection.once('error', reject);
        timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS / 1000} s`)), PING_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    connection.disconnect();
    throw new CliError(serviceLine('Redis', config.REDIS_URL, error));
  } finally {
    clearTimeout(timer);
  }
  connection.on('error', () => undefined); // a later failure surfaces in the command's own call
  return connection;
}

/** Fails with the one-line Redis error unless Redis answers (for commands that start BullMQ workers). */
export async function checkCliRedis(config: Pick<Config, 'REDIS_URL'>): Promise<void> {
  (await connectCliRedis(config)).disconnect();
}

async function withQueue<T>(config: Config, open: (config: Config, connection: Redis) => Queue, work: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = await connectCliRedis(config);
  const queue = open(config, connection);
  try {
    return await work(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
