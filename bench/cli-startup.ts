/**
 * CLI start-up benchmark: how long `tiescore --version` and `tiescore --help` take from spawn to
 * exit, beside bare `node -e 0` measured in the same run (interleaved, so a busy machine weighs
 * on all three alike). Runs the compiled CLI (bin/tiescore.js → dist/): `npm run build` first.
 * Target: `--version` ≤ 0.3 s median on the 2-core machine.
 *
 *   npx tsx bench/cli-startup.ts --runs 21
 *
 * Needs no services. Prints one JSON object on its last line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { machine, median, numberArg } from './lib/report.js';

const runs = numberArg('runs', 21);
if (!existsSync('dist/cli/main.js')) {
  console.error('bench/cli-startup: dist/cli/main.js is missing; run `npm run build` first');
  process.exit(2);
}

const COMMANDS = {
  node: ['-e', '0'],
  version: ['bin/tiescore.js', '--version'],
  help: ['bin/tiescore.js', '--help'],
} as const;
type Name = keyof typeof COMMANDS;

/** Seconds from spawn to exit; throws when the command fails (a broken build is no result). */
function timeOnce(args: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return seconds;
}

const samples: Record<Name, number[]> = { node: [], version: [], help: [] };
timeOnce(COMMANDS.version); // warm the file cache once; not counted
for (let r = 0; r < runs; r++) {
  for (const name of Object.keys(COMMANDS) as Name[]) samples[name].push(timeOnce(COMMANDS[name]));
  process.stderr.write(`\rcli-startup: ${r + 1}/${runs}`);
}
process.stderr.write('\n');

const ms = (seconds: number) => Math.round(seconds * 1000);
const result = {
  bench: 'cli-startup',
  machine: machine(),
  runs,
  medianMs: { node: ms(median(samples.node)), version: ms(median(samples.version)), help: ms(median(samples.help)) },
  /** What the CLI adds to bare node's start. */
  overNodeMs: { version: ms(median(samples.version) - median(samples.node)), help: ms(median(samples.help) - median(samples.node)) },
  targetVersionMs: 300,
};
console.log(`--version ${result.medianMs.version} ms, --help ${result.medianMs.help} ms, bare node ${result.medianMs.node} ms (medians of ${runs})`);
console.log(JSON.stringify(result));
