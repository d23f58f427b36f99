// A worker killed with SIGKILL in the middle of SCORE: a new worker resumes the run, every
// person is scored exactly once, and the API's published run stays the previous one until the
// new run's PUBLISH. Real Neo4j, real Redis, real worker processes (`tiescore worker`).
import { spawn, type ChildProcess } from 'node:child_process';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { enqueueRecompute } from '../../src/jobs/bullmq/enqueue.js';
import type { RecomputeJobData } from '../../src/jobs/bullmq/job-data.js';
import { QUEUES, recomputeQueue, redisOptions } from '../../src/jobs/bullmq/queues.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { loadModel, type Model } from '../../src/score/index.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { migrateSchema } from '../../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { assertWipeAllowed } from '../../src/store/neo4j/wipe-guard.js';
import { removeTestQueues } from '../support/queue-cleanup.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';

const PERSONS = 3000;
const base = loadConfig();
assertWipeAllowed(base.NEO4J_URI);
const config = { ...base, QUEUE_PREFIX: `tiescore-crash-${process.pid}`, JOB_LOCK_MS: 2000 };
const workerEnv = { ...process.env, QUEUE_PREFIX: config.QUEUE_PREFIX, JOB_LOCK_MS: String(config.JOB_LOCK_MS), LOG_LEVEL: 'warn' };

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--no-schedule'], {
    env: workerEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', () => undefined);
  return child;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('worker killed during SCORE', () => {
  let store: Neo4jStore;
  let model: Model;
  const workers: ChildProcess[] = [];
  const queue = recomputeQueue(config);
  const events = new QueueEvents(QUEUES.recompute, { connection: redisOptions(config), prefix: config.QUEUE_PREFIX });

  beforeAll(async () => {
    store = await Neo4jStore.open(config);
    await store.wipeAll();
    const connection = await connectNeo4j(config);
    await migrateSchema(connection.driver, connection.database);
    await connection.close();
    model = await loadModel();
    await loadSyntheticPopulation(store, PERSONS, 5);
    await events.waitUntilReady();
  });

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await removeTestQueues(config, queue, events);
    await store?.close();
  });

  it('resumes on a new worker and scores every person exactly once', async () => {
    const previous = (await recomputeInline(store, model, { asOf: SYNTH_AS_OF })).run;

    const first = startWorker();
    workers.push(first);
    const job = await enqueueRecompute(queue, model, { asOf: SYNTH_AS_OF, chunkSize: 100 });
    const runId = job.data.runId!;

    // Kill the first worker once SCORE has started and some (not all) chunks are written.
    await until('SCORE to be under way', async () => {
      const data = (await queue.getJob(job.id!))?.data as RecomputeJobData | undefined;
      const written = data?.step === 'SCORE' ? await store.countScores(runId) : 0;
      return written > 0 && written < PERSONS ? written : undefined;
    });
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect((await store.getRun(runId))?.status).toBe('running');
    expect((await store.publishedRun())?.id).toBe(previous.id);

    const second = startWorker();
    workers.push(second);
    let servedBeforePublish = true;
    const watch = setInterval(() => {
      void store.publishedRun().then(async (served) => {
        if (served?.id === runId) return;
        if (served?.id !== previous.id) servedBeforePublish = false;
      });
    }, 200);
    try {
      await job.waitUntilFinished(events, 120_000);
    } finally {
      clearInterval(watch);
    }

    expect(servedBeforePublish).toBe(true);
    const run = (await store.publishedRun())!;
    expect(run.id).toBe(runId);
    expect(run.status).toBe('complete');
    expect(await store.countScores(runId)).toBe(PERSONS);
    const scores = await store.scoresBySeqIn(run, 0, PERSONS);
    expect(new Set(scores.map((s) => s.personId)).size).toBe(PERSONS);
    expect(scores.every((s) => s.runId === runId)).toBe(true);
    expect(run.stats).toMatchObject({ scored: PERSONS });
  });
});
