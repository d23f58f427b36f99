/** Removes a test's queues and every Redis key under its unique prefix. */
import type { Queue, QueueEvents } from 'bullmq';
import { redisConnection, type QueueConfig } from '../../src/jobs/bullmq/queues.js';

export async function removeTestQueues(config: QueueConfig, queue: Queue, events: QueueEvents): Promise<void> {
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await deleteTestKeys(config);
}

/** Deletes every Redis key under the test's unique QUEUE_PREFIX. */
export async function deleteTestKeys(config: QueueConfig): Promise<void> {
  const redis = redisConnection(config);
  const keys = await redis.keys(`${config.QUEUE_PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}
