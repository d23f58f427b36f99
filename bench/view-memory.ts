/**
 * What a newly published run costs the API's memory: the soak's question (BENCHMARKS.md, "Soak")
 * in a few minutes instead of ten. This process plays the API's part — the Neo4j store opened as
 * `tiescore serve` opens it and `PublishedNetworkViews` over the snapshot images in Redis — while
 * a `tiescore worker` child computes and publishes full runs. After each publish the new run's
 * view is built and used the way the soak's traffic uses it (contagion what-ifs, explanations'
 * score array), then memory is measured after a full GC: heap used, array buffers (the typed
 * arrays) and RSS. A view that is kept after the next one replaces it shows as growth per publish.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7690 npx tsx bench/view-memory.ts [--persons 50000] [--publishes 3]
 *
 * `--persons N`: when the database holds fewer persons, a synthetic population of N (seed 3) is
 * imported first (upserts, nothing is wiped). Its queue keys in Redis are deleted at the end.
 * Prints one line per step, then one JSON object on its last line.
 */
import { spawn } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { PublishedNetworkViews } from '../src/api/network-view.js';
import { API_STORE_OPTIONS } from '../src/api/start.js';
import { loadConfig } from '../src/config.js';
import { pushContagion } from '../src/graph/contagion.js';
import { enqueueRecompute } from '../src/jobs/bullmq/enqueue.js';
import { recomputeQueue } from '../src/jobs/bullmq/queues.js';
import { RedisSnapshotImages } from '../src/jobs/bullmq/redis-snapshot-images.js';
import { loadModel } from '../src/score/index.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { importSyntheticPopulation } from './lib/population.js';
import { deleteKeysUnder } from './lib/redis-keys.js';
import { numberArg } from './lib/report.js';

const persons = numberArg('persons', 50_000);
const publishes = numberArg('publishes', 3);
const AS_OF = '2026-06-30';
// A full GC before each measurement, with or without node --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-bench-view-memory-${process.pid}` };
const model = await loadModel();
await ensurePopulation();
const store = await Neo4jStore.open(config, API_STORE_OPTIONS);
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
const queue = recomputeQueue(config);
const views = new PublishedNetworkViews(store, model, new RedisSnapshotImages(redis, config.QUEUE_PREFIX));
const worker = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--no-schedule'], {
  env: { ...process.env, NEO4J_URI: config.NEO4J_URI, QUEUE_PREFIX: config.QUEUE_PREFIX, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let workerLog = '';
worker.stderr?.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));

interface Sample {
  step: string;
  heapUsedMiB: number;
  arrayBuffersMiB: number;
  externalMiB: number;
  rssMiB: number;
  buildSeconds?: number;
  /** Highest RSS seen while the view was built and used (sampled every 20 ms). */
  peakRssMiB?: number;
}
const samples: Sample[] = [];
const mib = (bytes: number) => Math.round(bytes / 104_857.6) / 10;

/** Memory after a full collection (twice: the first may only finalise). */
async function measure(step: string, extra: Partial<Sample> = {}): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  gc();
  const m = process.memoryUsage();
  const sample = { step, heapUsedMiB: mib(m.heapUsed), arrayBuffersMiB: mib(m.arrayBuffers), externalMiB: mib(m.external), rssMiB: mib(m.rss), ...extra };
  samples.push(sample);
  console.error(`${step}: heap ${sample.heapUsedMiB} MiB, array buffers ${sample.arrayBuffersMiB} MiB, external ${sample.externalMiB} MiB, RSS ${sample.rssMiB} MiB${extra.buildSeconds !== undefined ? ` (view built and used in ${extra.buildSeconds} s, RSS peak ${extra.peakRssMiB} MiB)` : ''}`);
}

/** Builds the published run's view and uses it as the soak's traffic does. */
async function buildAndUse(label: string): Promise<void> {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const t0 = performance.now();
  const view = (await views.current())!;
  await view.scores(); // explanations read every published score once per view
  const n = view.snapshot.csr.nodeCount;
  for (let k = 0; k < 50; k++) {
    const node = Math.floor(Math.random() * n);
    pushContagion(view.snapshot.csr, view.network, [{ node, deltaB: -0.3 }], { workspace: view.workspace, weights: view.weights, threshold: 0.05, maxPushes: 200_000 });
  }
  const buildSeconds = Math.round((performance.now() - t0) / 100) / 10;
  clearInterval(sampler);
  await measure(label, { buildSeconds, peakRssMiB: mib(peak) });
}

/** Enqueues a full run and waits until the worker has published it. */
async function publishOne(): Promise<string> {
  const job = await enqueueRecompute(queue, model, { asOf: AS_OF });
  const runId = job.data.runId!;
  const deadline = Date.now() + 15 * 60_000;
  while ((await store.publishedRun())?.id !== runId) {
    if (worker.exitCode !== null) throw new Error(`bench/view-memory: the worker exited:\n${workerLog.slice(-2000)}`);
    if ((await store.getRun(runId))?.status === 'failed') throw new Error(`bench/view-memory: run ${runId} failed`);
    if (Date.now() > deadline) throw new Error(`bench/view-memory: run ${runId} was not published within 15 min`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return runId;
}

try {
  await measure('start (store open, no view)');
  await publishOne();
  await buildAndUse('view of run 1 (first view)');
  for (let k = 2; k <= publishes + 1; k++) {
    const runId = await publishOne();
    await measure(`run ${k} published (${runId}), old view still held`);
    await buildAndUse(`view of run ${k}`);
  }
  const first = samples.find((s) => s.step.startsWith('view of run 1'))!;
  const last = samples.at(-1)!;
  console.log(
    JSON.stringify({
      benchmark: 'view-memory',
      persons: (await store.counts()).persons,
      publishes,
      afterFirstView: first,
      afterLastView: last,
      growthPercent: { heapUsed: pct(first.heapUsedMiB, last.heapUsedMiB), arrayBuffers: pct(first.arrayBuffersMiB, last.arrayBuffersMiB), rss: pct(first.rssMiB, last.rssMiB) },
      samples,
    }),
  );
} finally {
  worker.kill('SIGTERM');
  if (worker.exitCode === null) await new Promise((resolve) => worker.once('exit', resolve));
  await queue.close();
  redis.disconnect();
  await deleteKeysUnder(config.REDIS_URL, config.QUEUE_PREFIX);
  await store.close();
}

function pct(from: number, to: number): number {
  return Math.round((1000 * (to - from)) / from) / 10;
}

/** Imports with a batch job's patience (the API's store gives up fast). */
async function ensurePopulation(): Promise<void> {
  const store = await Neo4jStore.open(config);
  const counts = await store.counts();
  if (counts.persons >= persons) return store.close();
  console.error(`bench/view-memory: the database holds ${counts.persons} persons; importing a synthetic population of ${persons} (seed 3)`);
  try {
    await importSyntheticPopulation(store, { persons, seed: 3, asOf: AS_OF });
  } finally {
    await store.close();
  }
}
