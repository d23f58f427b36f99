// The BullMQ recompute pipeline over the real Redis: a run walks its steps through real workers,
// fans SCORE out to chunk jobs, publishes, and yields exactly the scores of the inline runner.
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { enqueueRecompute } from '../../src/jobs/bullmq/enqueue.js';
import { QUEUES, recomputeQueue, redisConnection } from '../../src/jobs/bullmq/queues.js';
import { startRecomputeWorkers, type RecomputeWorkers } from '../../src/jobs/bullmq/recompute-workers.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { loadModel, type Model } from '../../src/score/index.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';

const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-test-${process.pid}` };

describe('recompute pipeline on BullMQ', () => {
  const store = new MemoryStore();
  let model: Model;
  let workers: RecomputeWorkers;
  const queue = recomputeQueue(config);
  const events = new QueueEvents(QUEUES.recompute, { connection: redisConnection(config), prefix: config.QUEUE_PREFIX });

  beforeAll(async () => {
    model = await loadModel();
    await loadSyntheticPopulation(store, 1500, 3);
    workers = await startRecomputeWorkers({ config, store, model, concurrency: 2 });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await workers?.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    const redis = redisConnection(config);
    const keys = await redis.keys(`${config.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('walks SNAPSHOT → PROPAGATE → SCORE (in chunks) → PUBLISH and matches the inline runner', async () => {
    const job = await enqueueRecompute(queue, model, { asOf: SYNTH_AS_OF, chunkSize: 200 });
    const outcome = (await job.waitUntilFinished(events, 60_000)) as { runId: string; published: boolean; stats: Record<string, unknown> };
    expect(outcome.published).toBe(true);
    const run = (await store.publishedRun())!;
    expect(run.id).toBe(job.data.runId);
    expect(run).toMatchObject({ status: 'complete', asOf: SYNTH_AS_OF });
    expect(await store.countScores(run.id)).toBe(1500);
    expect(Object.keys(run.stats.timingsMs as object).sort()).toEqual(['PROPAGATE', 'PUBLISH', 'SCORE', 'SNAPSHOT']);
    expect(run.stats).toMatchObject({ scored: 1500, persons: 1500 });

    const inline = await recomputeInline(store, model, { asOf: SYNTH_AS_OF, publish: false });
    const viaQueue = await store.scoresBySeqIn(run, 0, 1500);
    const direct = await store.scoresBySeqIn(inline.run, 0, 1500);
    expect(viaQueue.map((s) => [s.personId, s.score, s.dimensions])).toEqual(direct.map((s) => [s.personId, s.score, s.dimensions]));
    expect(run.stats.meanScore).toBe(inline.run.stats.meanScore);
  });
});
