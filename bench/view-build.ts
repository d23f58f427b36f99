/**
 * What the first network question after a publish costs the API: `tiescore serve` (compiled, a
 * child process, started afresh each round so it holds no view) is asked one contagion what-if,
 * which builds the published run's network view (src/api/network-view.ts), while score reads go
 * on beside it, `--readers` at a time in a closed loop. Reports per round how long the what-if
 * took, and the latency of the score reads answered while it ran against those answered in the
 * seconds before it (the same server, the same readers: the baseline). Rounds are summarised as
 * medians.
 *
 * The view is built from the run's kept snapshot image when the workers kept one, as after a
 * nightly run; pass the workers' QUEUE_PREFIX as `--images-of PREFIX` and the benchmark copies
 * the image under its own prefix (it never writes under the workers'). Without it, or when the
 * image is gone, the view reads the store (minutes at 1M persons). The line says which.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7688 npx tsx bench/view-build.ts [--runs 3] [--readers 4]
 *     [--images-of PREFIX] [--server-root DIR]
 *
 * `--server-root` serves another checkout (e.g. an older commit, for before/after). Needs a
 * population with a published run (bench/recompute.ts). The benchmark's API key and its
 * access-log entries are deleted at the end (`cypher/bench/api-cleanup`), and so are the Redis
 * keys under its own prefix. Prints one JSON object on its last line.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { issueApiKey } from '../src/api/auth/api-keys.js';
import { loadConfig } from '../src/config.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { connectNeo4j } from '../src/store/neo4j/connection.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { measured, roundTo } from './lib/latency.js';
import { compileServer, freePort, waitUntilUp } from './lib/processes.js';
import { deleteBenchKeys } from './lib/bench-keys.js';
import { deleteKeysUnder } from './lib/redis-keys.js';
import { machine, median, numberArg, stringArg } from './lib/report.js';

const runs = numberArg('runs', 3);
const readers = numberArg('readers', 4);
/** Seconds of score reads before the what-if: the baseline. */
const BASELINE_SECONDS = 3;
const HOST = '127.0.0.1';
const sourceRoot = stringArg('server-root') ?? PACKAGE_ROOT;
const imagesOf = stringArg('images-of');

const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-bench-view-${process.pid}` };
const store = await Neo4jStore.open(config);
const connection = await connectNeo4j(config);
const run = await store.publishedRun();
if (!run) throw new Error('bench/view-build: no published run; import a population and run a recompute first (bench/recompute.ts)');
const ids = (await store.personsInSeqRange(0, 10_000)).map((p) => p.id);
const randomId = () => ids[Math.floor(Math.random() * ids.length)]!;
const analyst = await issueApiKey(store, { role: 'analyst', name: `bench-view-${process.pid}` });
const headers = { authorization: `Bearer ${analyst.key}` };

const fromImage = imagesOf ? await copyImage(imagesOf) : false;
const serverRoot = compileServer(sourceRoot);

interface Round {
  whatIfSeconds: number;
  before: ReturnType<typeof measured> & { max: number };
  during: ReturnType<typeof measured> & { max: number };
}
const rounds: Round[] = [];
try {
  for (let r = 0; r < runs; r++) {
    rounds.push(await oneRound());
    const last = rounds.at(-1)!;
    console.error(
      `round ${r + 1}/${runs}: what-if ${last.whatIfSeconds.toFixed(1)} s; score reads before p99 ${last.before.p99} ms max ${last.before.max} ms, ` +
        `during p50 ${last.during.p50} p99 ${last.during.p99} max ${last.during.max} ms (${last.during.requests} reads)`,
    );
  }
  const med = (pick: (r: Round) => number) => roundTo(median(rounds.map(pick)), 2);
  console.log(
    JSON.stringify({
      benchmark: 'view-build',
      runId: run.id,
      viewFrom: fromImage ? 'the run\'s kept snapshot image' : 'a read of the store',
      serverRoot: sourceRoot === PACKAGE_ROOT ? '.' : sourceRoot,
      readers,
      machine: machine(),
      medians: {
        whatIfSeconds: med((r) => r.whatIfSeconds),
        before: { p50: med((r) => r.before.p50), p99: med((r) => r.before.p99), max: med((r) => r.before.max) },
        during: { p50: med((r) => r.during.p50), p99: med((r) => r.during.p99), max: med((r) => r.during.max) },
      },
      rounds,
    }),
  );
} finally {
  rmSync(serverRoot, { recursive: true, force: true });
  await cleanUp();
  await connection.close();
  await store.close();
}

/** A fresh server: score reads alone, then a what-if with the reads going on, then stop. */
async function oneRound(): Promise<Round> {
  const port = await freePort(HOST);
  const server = spawn(process.execPath, ['dist/cli/main.js', 'serve', '--host', HOST, '--port', String(port)], {
    cwd: serverRoot,
    env: { ...process.env, NEO4J_URI: config.NEO4J_URI, QUEUE_PREFIX: config.QUEUE_PREFIX, RATE_LIMIT_PER_MINUTE: '1000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://${HOST}:${port}`;
  try {
    await waitUntilUp(server, `${base}/healthz`, 60_000);
    const answered: { at: number; ms: number }[] = [];
    let reading = true;
    const reader = async () => {
      while (reading) {
        const t0 = performance.now();
        const response = await fetch(`${base}/v1/persons/${randomId()}/score`, { headers });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`bench/view-build: a score read answered ${response.status}`);
        answered.push({ at: performance.now(), ms: performance.now() - t0 });
      }
    };
    const readersDone = Promise.all(Array.from({ length: readers }, reader));
    await new Promise((resolve) => setTimeout(resolve, BASELINE_SECONDS * 1000));
    const whatIfAt = performance.now();
    const response = await fetch(`${base}/v1/contagion/simulate`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ shocks: [{ personId: randomId(), ownScore: 'default' }] }),
    });
    const answeredAt = performance.now();
    if (response.status !== 200) throw new Error(`bench/view-build: the what-if answered ${response.status}: ${await response.text()}`);
    reading = false;
    await readersDone;
    // A read answered during the what-if is one that was waiting on the server while it built.
    const summary = (rows: typeof answered, seconds: number) => ({ ...measured(rows.map((a) => a.ms), seconds), max: roundTo(Math.max(...rows.map((a) => a.ms)), 2) });
    return {
      whatIfSeconds: (answeredAt - whatIfAt) / 1000,
      before: summary(answered.filter((a) => a.at < whatIfAt), BASELINE_SECONDS),
      during: summary(answered.filter((a) => a.at >= whatIfAt && a.at <= answeredAt), (answeredAt - whatIfAt) / 1000),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

/** Copies the workers' kept image of the run under this benchmark's prefix; false when there is none. */
async function copyImage(workersPrefix: string): Promise<boolean> {
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    return (await redis.copy(`${workersPrefix}:snapshot-image:${run!.id}`, `${config.QUEUE_PREFIX}:snapshot-image:${run!.id}`)) === 1;
  } finally {
    redis.disconnect();
  }
}

/** Deletes the benchmark's key, its access-log entries and its Redis keys. */
async function cleanUp(): Promise<void> {
  await deleteKeysUnder(config.REDIS_URL, config.QUEUE_PREFIX);
  await deleteBenchKeys(connection, [analyst.record.id]);
}
