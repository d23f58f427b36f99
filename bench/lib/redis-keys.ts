/** Shared by the benchmarks that start servers: removing the Redis keys they made. */
import { Redis } from 'ioredis';

/** Deletes every key under `prefix:` (a benchmark's own QUEUE_PREFIX). */
export async function deleteKeysUnder(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}:*` }) as AsyncIterable<string[]>) keys.push(...batch);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
