/**
 * `npm run bench`: every benchmark in bench/, one after another, at sizes that finish in about
 * ten minutes on a 2-core machine, each in its own process; the last line of each is its JSON
 * result, collected into one JSON array printed last (and written to --out, if given). For the
 * large runs recorded in BENCHMARKS.md, run each script alone with its size options.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7688 npm run bench [-- --only import,recompute] [-- --out FILE]
 *
 * Needs Redis and a test Neo4j (`npx tsx scripts/test-neo4j.ts`): the import benchmark wipes the
 * database at NEO4J_URI (only a marked test database, see wipe-guard.ts), and the recompute and API benchmarks then run on what it loaded.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { stringArg } from './lib/report.js';

interface Bench {
  name: string;
  args: string[];
}

const BENCHES: Bench[] = [
  { name: 'cli-startup', args: ['--runs', '11'] },
  { name: 'propagation', args: ['--persons', '200000', '--runs', '3', '--pushes', '200', '--pagerank-persons', '50000'] },
  { name: 'import', args: ['--persons', '10000', '--runs', '3'] },
  { name: 'recompute', args: ['--runs', '3'] },
  // On the population the import benchmark loaded: SNAPSHOT's read and SCORE's writes beside their baselines.
  { name: 'snapshot-read', args: ['--runs', '3'] },
  { name: 'snapshot-read', args: ['--mode', 'score', '--runs', '3'] },
  // On the run the recompute benchmark published.
  { name: 'score-export', args: ['--runs', '3'] },
  { name: 'api', args: ['--compiled', '--runs', '2', '--duration', '5'] },
  { name: 'view-build', args: ['--runs', '2'] },
  { name: 'contagion', args: ['--persons', '20000', '--runs', '3', '--duration', '5'] },
  { name: 'calibration', args: ['--persons', '20000', '--seed', '7'] },
  { name: 'model-quality', args: ['--persons', '20000', '--seed', '1', '--replicates', '200'] },
  { name: 'model-fit', args: ['--persons', '10000', '--seed', '7', '--caps', '60'] },
  // Starts a Neo4j of its own: writes nothing to NEO4J_URI.
  { name: 'real-network', args: ['--replicates', '200'] },
  { name: 'real-network-signals', args: [] },
  { name: 'view-memory', args: ['--persons', '10000', '--publishes', '2'] },
  // Last: it adds its own persons to the database when it holds too few.
  { name: 'soak', args: ['--minutes', '2', '--persons', '10000'] },
];

const only = stringArg('only')?.split(',');
const unknown = only?.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown?.length) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

/** Runs one benchmark, passing its progress through; resolves with its last stdout line. */
function run(bench: Bench): Promise<{ ok: boolean; seconds: number; result: unknown }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=6144', '--import', 'tsx', `bench/${bench.name}.ts`, ...bench.args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let result: unknown = null;
      try {
        result = JSON.parse(last);
      } catch {
        result = null;
      }
      resolve({ ok: code === 0 && result !== null, seconds: Math.round((performance.now() - started) / 100) / 10, result });
    });
  });
}

const results: unknown[] = [];
let failed = 0;
for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
  console.error(`\n=== bench/${bench.name}.ts ${bench.args.join(' ')}`);
  const outcome = await run(bench);
  console.error(`=== ${bench.name}: ${outcome.ok ? 'ok' : 'FAILED'} in ${outcome.seconds} s`);
  if (!outcome.ok) failed++;
  results.push({ benchmark: bench.name, args: bench.args, ok: outcome.ok, seconds: outcome.seconds, result: outcome.result });
}
const out = stringArg('out');
if (out) await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results));
process.exit(failed > 0 ? 1 : 0);
