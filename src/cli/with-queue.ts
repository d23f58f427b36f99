/** Opens a queue for a CLI command; Redis that does not answer becomes one CLI line. */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { recomputeQueue, redisConnection, retentionQueue } from '../jobs/bullmq/queues.js';
import { withoutPassword } from '../url-credentials.js';
import { CliError } from './cli-error.js';

export function withRecomputeQueue<T>(config: Config, work: (queue: Queue) => Promise<T>): Promise<T> {
  return withQueue(config, recomputeQueue, work);
}

export function withRetentionQueue<T>(config: Config, work: (queue: Queue) => Promise<T>): Promise<T> {
  return withQueue(config, retentionQueue, work);
}

async function withQueue<T>(config: Config, open: (config: Config, connection: Redis) => Queue, work: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = redisConnection(config);
  connection.on('error', () => undefined); // reported below as one line
  try {
    await Promise.race([
      connection.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 5 s')), 5_000)),
    ]);
  } catch (error) {
    connection.disconnect();
    throw new CliError(`Redis is not reachable at ${withoutPassword(config.REDIS_URL)}: ${(error as Error).message}`);
  }
  const queue = open(config, connection);
  try {
    return await work(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
