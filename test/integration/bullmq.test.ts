// A BullMQ job through the real Redis: the worker's return value reaches the caller.
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const config = loadConfig();
const prefix = `tiescore-test-${process.pid}`;
const connection = () => new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });

describe('BullMQ over the real Redis', () => {
  const queue = new Queue('echo', { connection: connection(), prefix });
  const events = new QueueEvents('echo', { connection: connection(), prefix });
  const worker = new Worker('echo', async (job) => ({ sum: (job.data as { a: number; b: number }).a + (job.data as { a: number; b: number }).b, id: job.id }), {
    connection: connection(),
    prefix,
  });

  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('runs a job and returns its value', async () => {
    await events.waitUntilReady();
    const job = await queue.add('add', { a: 2, b: 40 }, { removeOnComplete: true });
    const result = await job.waitUntilFinished(events, 10_000);
    expect(result).toEqual({ sum: 42, id: job.id });
  });
});
