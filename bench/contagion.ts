/**
 * Contagion what-if benchmark at population scale: `POST /v1/contagion/simulate` with one
 * `"default"` shock on a random person, over real HTTP, against `tiescore demo` (the API on a
 * synthetic population scored in memory, so a 1M-person population needs no hour-long Neo4j
 * import). A what-if reads the store only for the shocked person's record and events; the rest
 * is the published run's in-memory network view, the same in embedded and production mode.
 * Baseline in the same run: `GET /healthz` on the same server (HTTP and middleware alone).
 *
 *   npx tsx bench/contagion.ts --persons 1000000 --runs 3 [--duration 10] [--connections 1]
 *
 * Prints one JSON object on its last line.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { personId } from '../src/synth/ids.js';
import { measured, type Measured } from './lib/latency.js';
import { freePort } from './lib/processes.js';
import { machine, median, numberArg } from './lib/report.js';

const persons = numberArg('persons', 100_000);
const runs = numberArg('runs', 3);
const duration = Math.min(30, numberArg('duration', 10));
const connections = numberArg('connections', 1);
const HOST = '127.0.0.1';

const port = await freePort(HOST);
const started = performance.now();
const demo = spawn(
  process.execPath,
  ['--max-old-space-size=16384', '--import', 'tsx', 'src/cli/main.ts', 'demo', '--persons', String(persons), '--host', HOST, '--port', String(port), '--json'],
  { cwd: PACKAGE_ROOT, env: { ...process.env, RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
);
const summary = await new Promise<{ api: { url: string; keys: { analyst: string } }; run: { timingsMs: Record<string, number> } }>((resolve, reject) => {
  demo.once('exit', (code) => reject(new Error(`bench/contagion: the demo exited (${code}) before serving`)));
  createInterface({ input: demo.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
});
const setupSeconds = (performance.now() - started) / 1000;
const { url, keys } = summary.api;
console.error(`bench/contagion: ${persons} persons generated, imported and scored in memory in ${setupSeconds.toFixed(0)} s; serving on ${url}`);

try {
  const randomBody = () => JSON.stringify({ shocks: [{ personId: personId(Math.floor(Math.random() * persons), persons), ownScore: 'default' }] });
  // Warm-up: the first what-if builds the published run's network view (from the kept image).
  let t0 = performance.now();
  await simulateOnce(randomBody());
  const viewSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  for (let k = 0; k < 20; k++) await simulateOnce(randomBody());
  console.error(`bench/contagion: network view built in ${viewSeconds.toFixed(1)} s; 20 warm-up what-ifs in ${(performance.now() - t0).toFixed(0)} ms`);

  const samples: { contagion: Measured[]; healthz: Measured[] } = { contagion: [], healthz: [] };
  for (let r = 0; r < runs; r++) {
    samples.healthz.push(await cannon({ path: '/healthz', seconds: Math.min(duration, 5) }));
    samples.contagion.push(await cannon({ path: '/v1/contagion/simulate', seconds: duration, body: randomBody }));
    const c = samples.contagion.at(-1)!;
    console.error(`run ${r + 1}/${runs}: contagion ${c.requestsPerSecond}/s p50 ${c.p50} p95 ${c.p95} p99 ${c.p99} ms; healthz p95 ${samples.healthz.at(-1)!.p95} ms`);
  }
  const med = (list: Measured[]) => ({
    requestsPerSecond: median(list.map((m) => m.requestsPerSecond)),
    p50: median(list.map((m) => m.p50)),
    p95: median(list.map((m) => m.p95)),
    p99: median(list.map((m) => m.p99)),
  });
  const contagion = med(samples.contagion);
  const healthz = med(samples.healthz);
  console.log(
    JSON.stringify({
      benchmark: 'contagion',
      persons,
      runs,
      durationSeconds: duration,
      connections,
      machine: machine(),
      setupSeconds: Math.round(setupSeconds),
      recomputeTimingsMs: summary.run.timingsMs,
      viewBuildSeconds: Math.round(viewSeconds * 10) / 10,
      medians: { contagion, healthz },
      ratioContagionVsHealthzP95: Math.round((contagion.p95 / healthz.p95) * 10) / 10,
      targets: { contagionP95: contagion.p95 <= 100 },
      perRun: samples,
    }),
  );
} finally {
  demo.kill('SIGTERM');
  await new Promise((resolve) => demo.once('exit', resolve));
}


async function simulateOnce(body: string): Promise<void> {
  const response = await fetch(`${url}/v1/contagion/simulate`, { method: 'POST', body, headers: { authorization: `Bearer ${keys.analyst}`, 'content-type': 'application/json' } });
  if (response.status !== 200) throw new Error(`bench/contagion: what-if answered ${response.status}: ${await response.text()}`);
}

/** One autocannon run; latencies (ms) of the 2xx answers; any other answer fails the run. */
async function cannon(options: { path: string; seconds: number; body?: () => string }): Promise<Measured> {
  const latencies: number[] = [];
  const headers = { authorization: `Bearer ${keys.analyst}`, 'content-type': 'application/json' };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: options.seconds,
        timeout: 10,
        requests: [{ setupRequest: (request) => ({ ...request, path: options.path, headers, ...(options.body ? { method: 'POST' as const, body: options.body() } : {}) }) }],
      },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`bench/contagion: ${options.path} had ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  return measured(latencies, result.duration);
}

