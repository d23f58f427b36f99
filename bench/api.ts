/**
 * API benchmark: `tiescore serve` (a child process, `node --import tsx src/cli/main.ts serve`)
 * against the real Neo4j and Redis, loaded with autocannon over loopback (127.0.0.1):
 *
 * - `GET /v1/persons/{id}/score` by an analyst key, a random person of the population per
 *   request: throughput and p50/p99 latency (issue 6 target: ≥ 1,000 requests/s, p99 ≤ 25 ms);
 * - the same read by a consumer key under a live consent (one more check per request), over
 *   `--consented` random persons given a consent for the run;
 * - `POST /v1/contagion/simulate` with one `"default"` shock on a random person (the API's
 *   default threshold and page): p95 latency (target ≤ 100 ms), `--contagion-connections` callers;
 * - baselines in the same run: `GET /healthz` (the server's fixed cost per request: HTTP,
 *   middleware, no store) and the raw Neo4j read of a score over Bolt from this process at the
 *   same concurrency: `scores/in-lineage` (the least a score read needs: one indexed read) and
 *   `scores/published-of-persons-logged` for one person (what the score route runs for a read
 *   that no other read shares and whose score the API does not hold yet: the read and its
 *   access-log entry in one write transaction).
 *
 * Runs are interleaved (each round measures every target once) and reported as medians.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7688 npx tsx bench/api.ts --runs 3 [--duration 10] [--connections 10]
 *     [--server-root DIR]   serve from another checkout (e.g. an older commit, for before/after)
 *     [--compiled]          serve compiled JavaScript (tsc into a temporary folder, then
 *                           `node dist/cli/main.js serve`, as `tiescore serve` runs when installed)
 *                           instead of `node --import tsx src/cli/main.ts serve`
 *     [--stand-in MODE]     with --compiled: the score route's store call replaced by a stand-in
 *                           (bench/lib/stand-in-server.mjs; MODE memory, empty-write or log-write):
 *                           what a score read can reach when it waits on no Neo4j, on one write
 *                           that changes nothing per batch, or on the batch's access-log entries only
 *
 * Under tsx, source maps are on, and the Neo4j driver formats a stack trace for every query
 * result, which then costs several times more; `--compiled` is the production figure.
 *
 * Besides times, each measurement reports the CPU time per request of the API process and of
 * Neo4j (from /proc), which says more than times when other work shares the machine.
 *
 * Needs a population with a published run (bench/import.ts, bench/recompute.ts). The rate
 * limiter runs with its highest limit (RATE_LIMIT_PER_MINUTE=1000000 per key: the default 600 a
 * minute would refuse a load test); the request log is on at the default level, written to
 * /dev/null. The keys, consents and access-log entries the benchmark made are deleted at the end
 * (`cypher/bench/api-cleanup`), and so are the queue keys the API made in Redis. Prints one JSON
 * object on its last line.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { issueApiKey } from '../src/api/auth/api-keys.js';
import { loadConfig } from '../src/config.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { connectNeo4j } from '../src/store/neo4j/connection.js';
import { cypher } from '../src/store/neo4j/cypher.js';
import { BLOCK_SIZE_PARAMS } from '../src/store/neo4j/score-blocks.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { measured as measuredBase, roundTo as round, type Measured as BaseMeasured } from './lib/latency.js';
import { deleteBenchKeys } from './lib/bench-keys.js';
import { deleteKeysUnder } from './lib/redis-keys.js';
import { compileServer, freePort, waitUntilUp } from './lib/processes.js';
import { machine, median, numberArg } from './lib/report.js';

const runs = numberArg('runs', 3);
/** Seconds per autocannon run (at most 20). */
const duration = Math.min(20, numberArg('duration', 10));
const connections = numberArg('connections', 10);
const contagionConnections = numberArg('contagion-connections', 1);
const consented = numberArg('consented', 1_000);
const HOST = '127.0.0.1';
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;
const rootAt = process.argv.indexOf('--server-root');
const sourceRoot = rootAt < 0 ? PACKAGE_ROOT : process.argv[rootAt + 1]!;
const compiled = process.argv.includes('--compiled');
const standInAt = process.argv.indexOf('--stand-in');
const standIn = standInAt < 0 ? undefined : process.argv[standInAt + 1];
if (standIn !== undefined && !compiled) throw new Error('bench/api: --stand-in needs --compiled');
const serverRoot = compiled ? compileServer(sourceRoot) : sourceRoot;

const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-bench-api-${process.pid}` };
const store = await Neo4jStore.open(config);
const connection = await connectNeo4j(config);
const run = await store.publishedRun();
if (!run) throw new Error('bench/api: no published run; import a population and run a recompute first (bench/recompute.ts)');
const seqBound = await store.seqBound();
const ids: string[] = [];
for (let from = 0; from < seqBound; from += 10_000) ids.push(...(await store.personsInSeqRange(from, from + 10_000)).map((p) => p.id));
const randomId = () => ids[Math.floor(Math.random() * ids.length)]!;
console.error(`bench/api: ${ids.length} persons, published run ${run.id}`);

// Keys as `tiescore keys create` makes them; consents for the consumer's persons.
const tag = `bench-api-${process.pid}`;
const analyst = await issueApiKey(store, { role: 'analyst', name: `${tag}-analyst` });
const consumer = await issueApiKey(store, { role: 'consumer', name: `${tag}-lender` });
const consentedIds = Array.from({ length: Math.min(consented, ids.length) }, randomId);
const grantedAt = new Date(Date.now() - 60_000).toISOString();
const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
for (const personId of new Set(consentedIds)) {
  await store.createConsent({ id: `${tag}-${randomUUID()}`, personId, consumer: consumer.record.name, purpose: 'benchmark', grantedAt, expiresAt });
}

const port = await freePort(HOST);
const entry = compiled ? ['dist/cli/main.js'] : ['--import', 'tsx', 'src/cli/main.ts'];
const serverArgs =
  standIn === undefined
    ? [...entry, 'serve', '--host', HOST, '--port', String(port)]
    : [join(PACKAGE_ROOT, 'bench/lib/stand-in-server.mjs'), join(serverRoot, 'dist'), standIn, HOST, String(port)];
const server = spawn(process.execPath, serverArgs, {
  cwd: serverRoot,
  env: { ...process.env, NEO4J_URI: config.NEO4J_URI, QUEUE_PREFIX: config.QUEUE_PREFIX, RATE_LIMIT_PER_MINUTE: '1000000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://${HOST}:${port}`;
let viewRunId = '';
const runsSeen = new Set<string>([run.id]);

interface Measured extends BaseMeasured {
  /** CPU time (user + system) of the API process per request, ms — less sensitive to other load than times. */
  serverCpuMs?: number;
  /** CPU time of the Neo4j process per request, ms (when this process can see it in /proc). */
  neo4jCpuMs?: number;
  /** Cores used meanwhile by processes other than the API, Neo4j and this one (of `nproc`). */
  otherCores?: number | undefined;
}

const neo4jPid = pidListeningOn(Number(new URL(config.NEO4J_URI).port || 7687));

try {
  await waitUntilUp(server, `${base}/healthz`, 60_000);
  // Warm up: the first contagion builds the published run's network view (a full snapshot).
  await buildView();
  await cannon({ path: () => `/v1/persons/${randomId()}/score`, key: analyst.key, seconds: 3 });
  await cannon({ path: () => `/v1/persons/${consentedIds[0]}/score`, key: consumer.key, seconds: 1 });

  const samples: Record<'healthz' | 'boltRead' | 'boltLoggedRead' | 'score' | 'consumer' | 'contagion', Measured[]> = {
    healthz: [],
    boltRead: [],
    boltLoggedRead: [],
    score: [],
    consumer: [],
    contagion: [],
  };
  for (let r = 0; r < runs; r++) {
    samples.healthz.push(await cannon({ path: () => '/healthz', seconds: Math.min(duration, 5) }));
    samples.boltRead.push(await boltReads('scores/in-lineage', Math.min(duration, 5)));
    samples.boltLoggedRead.push(await boltReads('scores/published-of-persons-logged', Math.min(duration, 5)));
    samples.score.push(await cannon({ path: () => `/v1/persons/${randomId()}/score`, key: analyst.key, seconds: duration }));
    samples.consumer.push(
      await cannon({ path: () => `/v1/persons/${consentedIds[Math.floor(Math.random() * consentedIds.length)]}/score`, key: consumer.key, seconds: duration }),
    );
    // Another process may have published a run meanwhile: build its view before measuring.
    if ((await store.publishedRun())?.id !== viewRunId) await buildView();
    samples.contagion.push(await cannon({ path: () => '/v1/contagion/simulate', key: analyst.key, seconds: duration, connections: contagionConnections, post: true }));
    const s = samples.score.at(-1)!;
    console.error(
      `run ${r + 1}/${runs}: score ${s.requestsPerSecond.toFixed(0)}/s p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} ms ` +
        `(CPU/request: API ${s.serverCpuMs ?? '?'} ms, Neo4j ${s.neo4jCpuMs ?? '?'} ms; other work ${s.otherCores ?? '?'} cores); ` +
        `consumer ${samples.consumer.at(-1)!.requestsPerSecond.toFixed(0)}/s; healthz ${samples.healthz.at(-1)!.requestsPerSecond.toFixed(0)}/s; ` +
        `bolt read ${samples.boltRead.at(-1)!.requestsPerSecond.toFixed(0)}/s, logged read ${samples.boltLoggedRead.at(-1)!.requestsPerSecond.toFixed(0)}/s; contagion p95 ${samples.contagion.at(-1)!.p95.toFixed(1)} ms`,
    );
  }

  const summary = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarise(list)])) as Record<keyof typeof samples, Measured>;
  const loadAfter = machine().loadAverage;
  console.log(
    JSON.stringify({
      benchmark: 'api',
      persons: ids.length,
      runId: run.id,
      publishedRunsSeen: [...runsSeen],
      serverRoot: sourceRoot === PACKAGE_ROOT ? '.' : sourceRoot,
      server: compiled ? 'node dist/cli/main.js serve (compiled)' : 'node --import tsx src/cli/main.ts serve',
      standIn: standIn ?? null,
      runs,
      durationSeconds: duration,
      connections,
      contagionConnections,
      neo4jPid: neo4jPid ?? null,
      machine: machine(),
      loadAverageAfter: loadAfter,
      medians: summary,
      ratios: {
        scoreVsHealthz: round(summary.score.requestsPerSecond / summary.healthz.requestsPerSecond, 3),
        scoreVsBoltRead: round(summary.score.requestsPerSecond / summary.boltRead.requestsPerSecond, 3),
        scoreVsBoltLoggedRead: round(summary.score.requestsPerSecond / summary.boltLoggedRead.requestsPerSecond, 3),
      },
      targets: {
        scoreThroughput: summary.score.requestsPerSecond >= 1000,
        scoreP99: summary.score.p99 <= 25,
        contagionP95: summary.contagion.p95 <= 100,
      },
      perRun: samples,
    }),
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await cleanUp();
  if (compiled) rmSync(serverRoot, { recursive: true, force: true });
  await connection.close();
  await store.close();
}

/** One autocannon run; latencies (ms) from every 2xx response, any other status fails the run. */
async function cannon(options: { path: () => string; key?: string; seconds: number; connections?: number; post?: boolean }): Promise<Measured> {
  const latencies: number[] = [];
  const headers: Record<string, string> = options.key ? { authorization: `Bearer ${options.key}` } : {};
  const cpuBefore = [cpuMsOf(server.pid), cpuMsOf(neo4jPid)];
  const machineBefore = machineBusyMs();
  const ownBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: options.connections ?? connections,
        duration: options.seconds,
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              path: options.path(),
              headers,
              ...(options.post ? { method: 'POST' as const, ...contagionBody() } : {}),
            }),
          },
        ],
      },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`bench/api: ${options.path()} had ${result.non2xx} non-2xx answers and ${result.errors} errors (${JSON.stringify(result.statusCodeStats)})`);
  }
  const cpuAfter = [cpuMsOf(server.pid), cpuMsOf(neo4jPid)];
  const machineAfter = machineBusyMs();
  const own = process.cpuUsage(ownBefore);
  const perRequest = (k: number) => (cpuBefore[k] === undefined || cpuAfter[k] === undefined ? undefined : round((cpuAfter[k]! - cpuBefore[k]!) / latencies.length, 3));
  // Cores busy with other work meanwhile: the machine's busy time less this process, the API and Neo4j.
  const ours = (own.user + own.system) / 1000 + [0, 1].reduce((sum, k) => sum + ((cpuAfter[k] ?? 0) - (cpuBefore[k] ?? 0)), 0);
  const otherCores = machineBefore === undefined || machineAfter === undefined ? undefined : round(Math.max(0, machineAfter - machineBefore - ours) / (result.duration * 1000), 2);
  return { ...measuredBase(latencies, result.duration), serverCpuMs: perRequest(0), neo4jCpuMs: perRequest(1), otherCores };
}

/**
 * A score read straight over Bolt from this process, `connections` at a time, as the store runs
 * it, as an auto-commit query (Neo4jRunner.read and .write): `scores/in-lineage`, or the score
 * route's `scores/published-of-persons-logged` for one person, a write (its access-log entries
 * name the analyst key, so the clean-up removes them).
 */
async function boltReads(name: 'scores/in-lineage' | 'scores/published-of-persons-logged', seconds: number): Promise<Measured> {
  const statement = cypher(name);
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const readOnce = async (session: ReturnType<typeof connection.driver.session>) => {
    const personId = randomId();
    if (name === 'scores/in-lineage') return session.run(statement, { lineage: run!.lineage, personId, ...BLOCK_SIZE_PARAMS });
    const entry = { personId, at: new Date().toISOString(), kind: 'score', actor: analyst.record.id, role: 'analyst' };
    return session.run(statement, { reads: [{ personId, entry, knownSeq: null }], knownRun: null, ...BLOCK_SIZE_PARAMS });
  };
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const session = connection.driver.session({ database: connection.database, defaultAccessMode: name === 'scores/in-lineage' ? 'READ' : 'WRITE' });
      try {
        if ((await readOnce(session)).records.length !== 1) throw new Error(`bench/api: a Bolt read by ${name} found nothing`);
      } finally {
        await session.close();
      }
      latencies.push(performance.now() - t);
    }
  };
  const t0 = performance.now();
  const cpuBefore = cpuMsOf(neo4jPid);
  await Promise.all(Array.from({ length: connections }, worker));
  const cpuAfter = cpuMsOf(neo4jPid);
  const neo4jCpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : round((cpuAfter - cpuBefore) / latencies.length, 3);
  return { ...measuredBase(latencies, (performance.now() - t0) / 1000), neo4jCpuMs };
}

/** Sends one contagion request, which (re)builds the network view of the published run. */
async function buildView(): Promise<void> {
  const t0 = performance.now();
  const response = await fetch(`${base}/v1/contagion/simulate`, contagionInit());
  if (response.status !== 200) throw new Error(`bench/api: warm-up contagion answered ${response.status}: ${await response.text()}`);
  viewRunId = ((await response.json()) as { runId: string }).runId;
  runsSeen.add(viewRunId);
  console.error(`bench/api: network view of ${viewRunId} built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function contagionBody() {
  return { body: JSON.stringify({ shocks: [{ personId: randomId(), ownScore: 'default' }] }), headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst.key}` } };
}

function contagionInit(): RequestInit {
  return { method: 'POST', ...contagionBody() };
}


function summarise(list: Measured[]): Measured {
  const cpu = (pick: (m: Measured) => number | undefined) => {
    const values = list.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? round(median(values), 3) : undefined;
  };
  return {
    requestsPerSecond: round(median(list.map((m) => m.requestsPerSecond)), 1),
    p50: round(median(list.map((m) => m.p50)), 2),
    p95: round(median(list.map((m) => m.p95)), 2),
    p99: round(median(list.map((m) => m.p99)), 2),
    requests: Math.round(median(list.map((m) => m.requests))),
    serverCpuMs: cpu((m) => m.serverCpuMs),
    neo4jCpuMs: cpu((m) => m.neo4jCpuMs),
    otherCores: cpu((m) => m.otherCores),
  };
}

/** Busy (non-idle, non-iowait) CPU time of the whole machine in ms, from /proc/stat; undefined when unreadable. */
function machineBusyMs(): number | undefined {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a process in ms, from /proc (Linux); undefined when unreadable. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** The process listening on a local TCP port (the Neo4j server), found through /proc; undefined if not visible. */
function pidListeningOn(port: number): number | undefined {
  try {
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]!);
      }
    }
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        for (const fd of readdirSync(`/proc/${pid}/fd`)) {
          const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
          if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return Number(pid);
        }
      } catch {
        // a process that ended, or one we may not look into
      }
    }
  } catch {
    // not Linux
  }
  return undefined;
}


/**
 * Deletes what the benchmark made: its keys, their consents and the access-log entries of its
 * reads in Neo4j, and the queue keys the API created under its QUEUE_PREFIX in Redis.
 */
async function cleanUp(): Promise<void> {
  await deleteKeysUnder(config.REDIS_URL, config.QUEUE_PREFIX);
  await deleteBenchKeys(connection, [analyst.record.id, consumer.record.id], consumer.record.name);
}
