/**
 * Soak benchmark: `tiescore serve` and one `tiescore worker` (child processes, through tsx)
 * against the real Neo4j and Redis, under mixed traffic for `--minutes` (default 10) at
 * `--fraction` (default 0.5) of the maximum throughput measured just before, while a full
 * recompute runs and publishes. Issue 9's criteria: no errors, flat memory (API RSS growth under
 * 10% from the end of the first minute to the end), p99 latency reported per minute.
 *
 * Traffic, a random choice per request (autocannon, 10 connections, paced with `overallRate`):
 *   60% `GET /v1/persons/{id}/score` (analyst)          20% `GET /v1/persons/{id}/explanation`
 *   10% `POST /v1/contagion/simulate` (one "default")   10% `POST /v1/ingest/events` (one new event)
 * Any answer that is not 2xx, and any timeout (10 s), counts as an error.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7695 npx tsx bench/soak.ts [--minutes 10] [--persons 50000]
 *     [--fraction 0.5] [--probe-seconds 20] [--connections 10]
 *
 * `--persons N`: when the database holds fewer persons, a synthetic population of N (seed 3) is
 * imported first (upserts, nothing is wiped), and a run is published when none is. The recompute
 * is enqueued through the API (`POST /v1/jobs/recompute`) once the first minute has ended, so
 * that minute is the memory baseline. At the end the events, keys and access-log entries the
 * soak made are deleted (`cypher/bench/soak-cleanup`) and so are its queue keys in Redis. Prints
 * a markdown summary, then one JSON object on its last line.
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { issueApiKey } from '../src/api/auth/api-keys.js';
import { loadConfig } from '../src/config.js';
import { recomputeInline } from '../src/jobs/recompute/inline-runner.js';
import { loadModel } from '../src/score/index.js';
import { connectNeo4j } from '../src/store/neo4j/connection.js';
import { cypher } from '../src/store/neo4j/cypher.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { freePort, rssMiB, waitUntilUp } from './lib/processes.js';
import { deleteKeysUnder } from './lib/redis-keys.js';
import { importSyntheticPopulation } from './lib/population.js';
import { machine, numberArg } from './lib/report.js';

const minutes = numberArg('minutes', 10);
const persons = numberArg('persons', 50_000);
const fraction = numberArg('fraction', 0.5);
const probeSeconds = numberArg('probe-seconds', 20);
const connections = numberArg('connections', 10);
const HOST = '127.0.0.1';
const AS_OF = '2026-06-30';

const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-bench-soak-${process.pid}` };
const store = await Neo4jStore.open(config);
const model = await loadModel();
await ensurePopulation();
const seqBound = await store.seqBound();
const ids: string[] = [];
for (let from = 0; from < seqBound; from += 10_000) ids.push(...(await store.personsInSeqRange(from, from + 10_000)).map((p) => p.id));
const randomId = () => ids[Math.floor(Math.random() * ids.length)]!;
const servedBefore = (await store.publishedRun())!;
console.error(`bench/soak: ${ids.length} persons, published run ${servedBefore.id}`);

const tag = `bench-soak-${process.pid}`;
const analyst = await issueApiKey(store, { role: 'analyst', name: `${tag}-analyst` });
const admin = await issueApiKey(store, { role: 'admin', name: `${tag}-admin` });
let ingested = 0;

const port = await freePort();
const env = { ...process.env, NEO4J_URI: config.NEO4J_URI, QUEUE_PREFIX: config.QUEUE_PREFIX, RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' };
// The API as docker-compose.yml runs it (its glibc setting included; BENCHMARKS.md, "Memory across publishes").
const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--host', HOST, '--port', String(port)], {
  env: { MALLOC_MMAP_THRESHOLD_: '131072', ...env },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const worker = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--no-schedule'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
let workerLog = '';
worker.stderr?.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
const base = `http://${HOST}:${port}`;

/** One minute (or the probe) of traffic. */
interface Slice {
  minute: number;
  targetRate: number | null;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  statuses: Record<string, number>;
  /** API and worker RSS (MiB) at the end of the slice. */
  apiRssMiB: number | undefined;
  workerRssMiB: number | undefined;
  recompute: string;
}

const rssSamples: { t: number; api: number | undefined; worker: number | undefined }[] = [];
const started = Date.now();
const sampler = setInterval(() => rssSamples.push({ t: Math.round((Date.now() - started) / 1000), api: rssMiB(server.pid), worker: rssMiB(worker.pid) }), 5_000);
let job: { id: string; state: string; published?: boolean; runId?: string; enqueuedAt?: number; finishedAt?: number; failedReason?: string } | undefined;

try {
  await waitUntilUp(server, `${base}/healthz`, 120_000);
  // Warm-up: the first contagion builds the published run's network view (a full snapshot).
  await post('/v1/contagion/simulate', analyst.key, { shocks: [{ personId: randomId(), ownScore: 'default' }] });
  await traffic({ seconds: 10 });
  const probe = await traffic({ seconds: probeSeconds });
  const targetRate = Math.max(1, Math.floor(probe.requestsPerSecond * fraction));
  console.error(`bench/soak: maximum ${probe.requestsPerSecond.toFixed(0)} requests/s (p99 ${probe.p99} ms, ${probe.errors} errors); soaking at ${targetRate}/s for ${minutes} min`);

  const slices: Slice[] = [];
  for (let minute = 1; minute <= minutes; minute++) {
    const watch = minute > 1 ? followRecompute() : undefined;
    const slice = await traffic({ seconds: 60, rate: targetRate, minute });
    await watch?.stop();
    slice.recompute = job ? `${job.state}${job.published ? ' (published)' : ''}` : '-';
    slices.push(slice);
    console.error(
      `minute ${minute}: ${slice.requestsPerSecond.toFixed(0)}/s p50 ${slice.p50} ms p99 ${slice.p99} ms max ${slice.max} ms, errors ${slice.errors}, ` +
        `RSS API ${slice.apiRssMiB} MiB worker ${slice.workerRssMiB} MiB, recompute ${slice.recompute}`,
    );
  }
  const servedAfter = await store.publishedRun();
  const baseline = slices[0]!.apiRssMiB!;
  const final = slices.at(-1)!.apiRssMiB!;
  const summary = {
    benchmark: 'soak',
    persons: ids.length,
    minutes,
    connections,
    maxRequestsPerSecond: probe.requestsPerSecond,
    maxP99: probe.p99,
    targetRate,
    errors: slices.reduce((sum, s) => sum + s.errors, 0),
    requests: slices.reduce((sum, s) => sum + s.requests, 0),
    ingestedEvents: ingested,
    apiRssMiB: { afterMinute1: baseline, end: final, growthPercent: round((100 * (final - baseline)) / baseline, 1), max: Math.max(...rssSamples.map((s) => s.api ?? 0)) },
    recompute: { ...job, servedBefore: servedBefore.id, servedAfter: servedAfter?.id, published: servedAfter?.id === job?.runId && job?.runId !== undefined, seconds: job?.finishedAt && job.enqueuedAt ? round((job.finishedAt - job.enqueuedAt) / 1000, 1) : null },
    machine: machine(),
    slices,
    rssSamples,
  };
  console.log(markdown(summary));
  console.log(JSON.stringify(summary));
} finally {
  clearInterval(sampler);
  server.kill('SIGTERM');
  worker.kill('SIGTERM');
  await Promise.all([server, worker].map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)));
  if (worker.exitCode !== 0 && workerLog) console.error(`bench/soak: worker log:\n${workerLog.slice(-2000)}`);
  await cleanUp();
  await store.close();
}

/** Imports a synthetic population when the database holds fewer than `--persons`, and publishes a run when none is. */
async function ensurePopulation(): Promise<void> {
  const counts = await store.counts();
  if (counts.persons < persons) {
    console.error(`bench/soak: the database holds ${counts.persons} persons; importing a synthetic population of ${persons} (seed 3)`);
    await importSyntheticPopulation(store, { persons, seed: 3, asOf: AS_OF });
  }
  if (counts.persons < persons || !(await store.publishedRun())) {
    console.error('bench/soak: publishing a run first (inline)');
    await recomputeInline(store, model, { asOf: AS_OF });
  }
}

/** Mixed traffic for `seconds`, paced at `rate` requests/s when given (else as fast as it goes). */
async function traffic(options: { seconds: number; rate?: number; minute?: number }): Promise<Slice> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: options.seconds,
        timeout: 10,
        ...(options.rate ? { overallRate: options.rate } : {}),
        requests: [{ setupRequest: (request) => ({ ...request, ...nextRequest() }) }],
      },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      latencies.push(responseTime);
    });
  });
  const sorted = latencies.sort((x, y) => x - y);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN, 1);
  return {
    minute: options.minute ?? 0,
    targetRate: options.rate ?? null,
    requests: sorted.length,
    requestsPerSecond: round(sorted.length / result.duration, 1),
    p50: at(0.5),
    p99: at(0.99),
    max: round(sorted.at(-1) ?? NaN, 1),
    errors: result.non2xx + result.errors, // autocannon counts timeouts among its errors
    statuses: { ...statuses, ...(result.errors ? { errors: result.errors } : {}), ...(result.timeouts ? { timeouts: result.timeouts } : {}) },
    apiRssMiB: rssMiB(server.pid),
    workerRssMiB: rssMiB(worker.pid),
    recompute: '-',
  };
}

/** The next request of the mix. */
function nextRequest(): { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string } {
  const pick = Math.random();
  const auth = { authorization: `Bearer ${analyst.key}` };
  const json = { 'content-type': 'application/json' };
  if (pick < 0.6) return { method: 'GET', path: `/v1/persons/${randomId()}/score`, headers: auth };
  if (pick < 0.8) return { method: 'GET', path: `/v1/persons/${randomId()}/explanation`, headers: auth };
  if (pick < 0.9) {
    return { method: 'POST', path: '/v1/contagion/simulate', headers: { ...auth, ...json }, body: JSON.stringify({ shocks: [{ personId: randomId(), ownScore: 'default' }] }) };
  }
  const event = { id: `${tag}-${++ingested}`, person_id: randomId(), kind: 'repaid_on_time', at: AS_OF, amount: 100, source: tag };
  return { method: 'POST', path: '/v1/ingest/events', headers: { authorization: `Bearer ${admin.key}`, ...json }, body: JSON.stringify({ items: [event] }) };
}

/** Enqueues the recompute (once) and follows it every 5 s until the slice ends. */
function followRecompute(): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    if (!job) {
      const answer = await post('/v1/jobs/recompute', admin.key, { asOf: AS_OF });
      job = { id: answer.id as string, state: 'waiting', runId: answer.runId as string, enqueuedAt: Date.now() };
      console.error(`bench/soak: recompute ${job.id} enqueued`);
    }
    while (!stopped && job.state !== 'completed' && job.state !== 'failed') {
      const response = await fetch(`${base}/v1/jobs/${job.id}`, { headers: { authorization: `Bearer ${admin.key}` } });
      const view = (await response.json()) as { state: string; published?: boolean; failedReason?: string };
      job = { ...job, state: view.state, published: view.published, failedReason: view.failedReason };
      if (view.state === 'completed' || view.state === 'failed') job.finishedAt = Date.now();
      for (let k = 0; k < 50 && !stopped; k++) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function post(path: string, key: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`bench/soak: ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

function markdown(summary: { persons: number; minutes: number; maxRequestsPerSecond: number; maxP99: number; targetRate: number; errors: number; requests: number; apiRssMiB: { afterMinute1: number; end: number; growthPercent: number; max: number }; recompute: Record<string, unknown>; slices: Slice[] }): string {
  const rows = summary.slices.map(
    (s) => `| ${s.minute} | ${s.requestsPerSecond.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.max} | ${s.errors} | ${s.apiRssMiB} | ${s.workerRssMiB} | ${s.recompute} |`,
  );
  return [
    `Soak: ${summary.persons} persons, ${summary.minutes} min at ${summary.targetRate} requests/s (${Math.round(fraction * 100)}% of the measured maximum ${summary.maxRequestsPerSecond.toFixed(0)}/s, p99 ${summary.maxP99} ms at the maximum).`,
    '',
    '| minute | requests/s | p50 ms | p99 ms | max ms | errors | API RSS MiB | worker RSS MiB | recompute |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `Requests ${summary.requests}, errors ${summary.errors}; API RSS ${summary.apiRssMiB.afterMinute1} → ${summary.apiRssMiB.end} MiB (${summary.apiRssMiB.growthPercent}%, max ${summary.apiRssMiB.max}); ` +
      `recompute ${summary.recompute.runId} ${summary.recompute.published ? 'published' : 'NOT published'} after ${summary.recompute.seconds ?? '?'} s.`,
  ].join('\n');
}

/** Deletes what the soak made: its events, keys and their access-log entries, its queue keys. */
async function cleanUp(): Promise<void> {
  await deleteKeysUnder(config.REDIS_URL, config.QUEUE_PREFIX);
  const connection = await connectNeo4j(config);
  const session = connection.driver.session({ database: connection.database });
  try {
    for (;;) {
      const result = await session.executeWrite((tx) => tx.run(cypher('bench/soak-cleanup'), { source: tag, keyIds: [analyst.record.id, admin.record.id], limit: neo4j.int(10_000) }));
      if ((result.records[0]?.get('deleted') as number) === 0) break;
    }
  } finally {
    await session.close();
    await connection.close();
  }
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
