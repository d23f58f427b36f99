/** Opens the recompute queue for a CLI command; Redis that does not answer becomes one CLI line. */
import type { Queue } from 'bullmq';
import type { Config } from '../config.js';
import { recomputeQueue, redisConnection } from '../jobs/bullmq/queues.js';
import { CliError } from './cli-error.js';

export async function withRecomputeQueue<T>(config: Config, work: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = redisConnection(config);
  connection.on('error', () => undefined); // reported below as one line
  try {
    await Promise.race([
      connection.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 5 s')), 5_000)),
    ]);
  } catch (error) {
    connection.disconnect();
    throw new CliError(`Redis is not reachable at ${config.REDIS_URL}: ${(error as Error).message}`);
  }
  const queue = recomputeQueue(config, connection);
  try {
    return await work(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
