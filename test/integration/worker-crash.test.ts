// A worker killed with SIGKILL in each step of a run (SNAPSHOT, PROPAGATE, SCORE, PUBLISH): a new
// worker resumes the run, every person is scored exactly once, and the API keeps serving the
// previous published run until the new run's PUBLISH. Real Neo4j, real Redis, real worker
// processes (`tiescore worker`), the production API in this process.
//
// SCORE is killed with some (not all) chunks written — the chunks run for seconds, so polling
// finds it. The other steps take milliseconds, so their worker is told to stop at the start of
// the step (a worker given a `beforeStep` that pauses there: test/support/paused-worker.ts) and
// killed there.
import { QueueEvents } from 'bullmq';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/api/auth/api-keys.js';
import { startProductionApi, type RunningApi } from '../../src/api/start.js';
import { loadConfig } from '../../src/config.js';
import { enqueueRecompute } from '../../src/jobs/bullmq/enqueue.js';
import type { RecomputeJobData } from '../../src/jobs/bullmq/job-data.js';
import { QUEUES, recomputeQueue, redisOptions } from '../../src/jobs/bullmq/queues.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { RECOMPUTE_STEPS, type RecomputeStep } from '../../src/jobs/recompute/steps.js';
import { loadModel, type Model } from '../../src/score/index.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { migrateSchema } from '../../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { startCli, startScript, type CliProcess } from '../support/cli-process.js';
import { PAUSED_WORKER } from '../support/paused-worker.js';
import { removeTestQueues } from '../support/queue-cleanup.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';
import { until } from '../support/until.js';

const PERSONS = 2000;
const base = loadConfig();
const config = { ...base, QUEUE_PREFIX: `tiescore-crash-${process.pid}`, JOB_LOCK_MS: 2000, RATE_LIMIT_PER_MINUTE: 0 };
const workerEnv = { QUEUE_PREFIX: config.QUEUE_PREFIX, JOB_LOCK_MS: String(config.JOB_LOCK_MS) };

describe('worker killed in each step of a run', () => {
  let store: Neo4jStore;
  let model: Model;
  let api: RunningApi;
  let analystKey: string;
  let personId: string;
  const workers: CliProcess[] = [];
  const queue = recomputeQueue(config);
  const events = new QueueEvents(QUEUES.recompute, { connection: redisOptions(config), prefix: config.QUEUE_PREFIX });

  const startWorker = (pauseAt?: RecomputeStep) => {
    const worker = pauseAt ? startScript(PAUSED_WORKER, [pauseAt], workerEnv) : startCli(['worker', '--no-schedule'], workerEnv);
    workers.push(worker);
    return worker;
  };

  /** The run the API serves a score from (the published one), as a client sees it. */
  const servedRunId = async () => {
    const response = await fetch(`${api.url}/v1/persons/${personId}/score`, { headers: { authorization: `Bearer ${analystKey}` } });
    if (response.status !== 200) throw new Error(`score read answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { runId: string }).runId;
  };

  beforeAll(async () => {
    store = await Neo4jStore.open(config);
    await store.wipeAll();
    const connection = await connectNeo4j(config);
    await migrateSchema(connection.driver, connection.database).finally(() => connection.close());
    model = await loadModel();
    await loadSyntheticPopulation(store, PERSONS, 5);
    await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
    personId = (await store.personsInSeqRange(0, 1))[0]!.id;
    analystKey = (await issueApiKey(store, { role: 'analyst' })).key;
    api = await startProductionApi({ config, store: await Neo4jStore.open(config), model, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
    await events.waitUntilReady();
  });

  // Each case starts its own workers: a worker left from the case before would take the job.
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.kill()));
  });

  afterAll(async () => {
    await api?.stop();
    await removeTestQueues(config, queue, events);
    await store?.close();
  });

  it.each(RECOMPUTE_STEPS)('killed in %s: the run resumes on a new worker and scores every person exactly once', async (step) => {
    const previous = (await store.publishedRun())!;
    const first = startWorker(step === 'SCORE' ? undefined : step);
    const job = await enqueueRecompute(queue, model, { asOf: SYNTH_AS_OF, chunkSize: 100 });
    const runId = job.data.runId!;

    if (step === 'SCORE') {
      await until('SCORE to be under way', async () => {
        const data = (await queue.getJob(job.id!))?.data as RecomputeJobData | undefined;
        const written = data?.step === 'SCORE' ? await store.countScores(runId) : 0;
        return written > 0 && written < PERSONS ? written : undefined;
      });
    } else {
      await first.waitForStderr(new RegExp(`paused at ${step} of ${runId}`));
    }
    expect(((await queue.getJob(job.id!))?.data as RecomputeJobData).step).toBe(step);
    await first.kill('SIGKILL');
    expect((await store.getRun(runId))?.status).toBe('running');
    expect(await servedRunId()).toBe(previous.id);

    // Every answer until the job finishes names the previous run or, once published, the new one.
    const served: string[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        served.push(await servedRunId());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    startWorker();
    try {
      await job.waitUntilFinished(events, 120_000);
    } finally {
      watching = false;
      await watch;
    }
    served.push(await servedRunId());

    const firstNew = served.indexOf(runId);
    expect(served.length).toBeGreaterThan(5);
    expect(firstNew).toBeGreaterThan(0);
    expect(served.slice(0, firstNew).every((id) => id === previous.id)).toBe(true);
    expect(served.slice(firstNew).every((id) => id === runId)).toBe(true);

    const run = (await store.publishedRun())!;
    expect(run).toMatchObject({ id: runId, status: 'complete' });
    expect(await store.countScores(runId)).toBe(PERSONS);
    const scores = await store.scoresInSeqRange(run, 0, PERSONS);
    expect(new Set(scores.map((s) => s.personId)).size).toBe(PERSONS);
    expect(scores.every((s) => s.runId === runId)).toBe(true);
    // The tally merged from the chunk jobs: a chunk counted twice would make it larger.
    expect(run.stats).toMatchObject({ scored: PERSONS, persons: PERSONS });
  });
});
