// The BullMQ recompute pipeline over the real Redis: a run walks its steps through real workers,
// fans SCORE out to chunk jobs, publishes, and yields exactly the scores of the inline runner.
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { enqueueRecompute } from '../../src/jobs/bullmq/enqueue.js';
import { QUEUES, recomputeQueue, redisOptions } from '../../src/jobs/bullmq/queues.js';
import { startRecomputeWorkers, type RecomputeWorkers } from '../../src/jobs/bullmq/recompute-workers.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { loadModel, type Model } from '../../src/score/index.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { removeTestQueues } from '../support/queue-cleanup.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';

// The default model, and the same with a network band (docs/design.md, "The network band").
describe.each([
  { name: 'the default model', bandHalfWidth: undefined },
  { name: 'a network band', bandHalfWidth: 0.06 },
])('recompute pipeline on BullMQ, $name', ({ bandHalfWidth }) => {
  const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-test-${process.pid}-${bandHalfWidth ?? 'none'}` };
  const store = new MemoryStore();
  let model: Model;
  let workers: RecomputeWorkers;
  /** A run the workers record failed at the start of its PUBLISH, as the run reaper does a run whose job Redis lost. */
  let reapAtPublish: string | undefined;
  const REAPED = 'its job was lost from Redis (test)';
  const queue = recomputeQueue(config);
  const events = new QueueEvents(QUEUES.recompute, { connection: redisOptions(config), prefix: config.QUEUE_PREFIX });

  beforeAll(async () => {
    const loaded = await loadModel();
    model = bandHalfWidth === undefined ? loaded : { ...loaded, network: { ...loaded.network, bandHalfWidth } };
    await loadSyntheticPopulation(store, 1500, 3);
    workers = await startRecomputeWorkers({
      config,
      store,
      model,
      concurrency: 2,
      beforeStep: async (step, runId) => {
        if (step === 'PUBLISH' && runId === reapAtPublish) await store.failRunIfRunning(runId, { finishedAt: new Date().toISOString(), failureReason: REAPED });
      },
    });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await workers?.close();
    await removeTestQueues(config, queue, events);
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
    const viaQueue = await store.scoresInSeqRange(run, 0, 1500);
    const direct = await store.scoresInSeqRange(inline.run, 0, 1500);
    expect(viaQueue.map((s) => [s.personId, s.score, s.dimensions])).toEqual(direct.map((s) => [s.personId, s.score, s.dimensions]));
    expect(run.stats.meanScore).toBe(inline.run.stats.meanScore);
  });

  it('runs an incremental run on top of the published one, matching a full recompute within 1 point', async () => {
    const base = (await store.publishedRun())!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [p1, p2, p3] = await store.personsInSeqRange(10, 13);
    await store.upsertEvents([{ id: 'late-default', personId: p1!.id, kind: 'defaulted', at: '2026-06-01', amount: 2500, source: 'bank-z', status: 'active' }]);
    await store.upsertFriendships([{ a: p2!.id, b: p3!.id, since: '2026-06-01', interactions: 50 }]);

    const job = await enqueueRecompute(queue, model, { kind: 'incremental', chunkSize: 50 });
    await job.waitUntilFinished(events, 60_000);
    const run = (await store.publishedRun())!;
    expect(run).toMatchObject({ id: job.data.runId, kind: 'incremental', asOf: base.asOf, lineage: [job.data.runId, ...base.lineage] });
    // The base run's image (kept in Redis, and by this worker's process) was patched with the 3 dirty persons.
    expect(run.stats).toMatchObject({ base: base.id, dirty: 3, snapshot: 'patched' });
    const rescored = await store.countScores(run.id);
    expect(rescored).toBeGreaterThanOrEqual(3);
    expect(rescored).toBeLessThan(1500);

    const full = await recomputeInline(store, model, { asOf: base.asOf, publish: false });
    const served = await store.scoresInSeqRange(run, 0, 1500);
    const truth = await store.scoresInSeqRange(full.run, 0, 1500);
    expect(served.map((s) => s.personId)).toEqual(truth.map((s) => s.personId));
    expect(Math.max(...served.map((s, k) => Math.abs(s.score - truth[k]!.score)))).toBeLessThanOrEqual(1);
    expect(served.find((s) => s.personId === p1!.id)!.score).toBeLessThan((await store.scoreIn(base, p1!.id))!.score);
  });

  it('neither completes nor publishes a run failed while it was computed, and keeps the failure', async () => {
    const served = (await store.publishedRun())!;
    const job = await enqueueRecompute(queue, model, { asOf: SYNTH_AS_OF, chunkSize: 500 });
    reapAtPublish = job.data.runId;
    await expect(job.waitUntilFinished(events, 60_000)).rejects.toThrow(/was recorded failed/);
    expect(await store.getRun(job.data.runId!)).toMatchObject({ status: 'failed', failureReason: REAPED });
    expect((await store.publishedRun())?.id).toBe(served.id);
    expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1); // not retried
  });
});
