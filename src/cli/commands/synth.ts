/**
 * `tiescore synth`: generate a deterministic synthetic population and write it as the five
 * CSV import files. Progress goes to stderr (a bar on a terminal, a line every few seconds
 * otherwise); the summary line goes to stdout.
 */
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { parseIsoDate } from '../../synth/dates.js';
import { MAX_PERSONS } from '../../synth/population.js';

interface SynthOptions {
  persons: string;
  seed: string;
  out: string;
  asOf: string;
}

/** Validated `synth` options. */
export interface SynthArgs {
  persons: number;
  seed: number;
  out: string;
  asOf: string;
}

const AS_OF_RANGE = ['1990-01-01', '2190-12-31'] as const;

/** Checks the raw options; throws a one-line CliError naming the bad option. */
export function parseSynthOptions(raw: SynthOptions): SynthArgs {
  const persons = /^\d+$/.test(raw.persons.trim()) ? Number(raw.persons.trim()) : NaN;
  if (!Number.isSafeInteger(persons) || persons < 1 || persons > MAX_PERSONS) {
    throw new CliError(`--persons must be a whole number from 1 to ${MAX_PERSONS}, got "${raw.persons}"`);
  }
  const seed = /^-?\d+$/.test(raw.seed.trim()) ? Number(raw.seed.trim()) : NaN;
  if (!Number.isSafeInteger(seed)) {
    throw new CliError(`--seed must be a whole number (safe integer), got "${raw.seed}"`);
  }
  if (parseIsoDate(raw.asOf) === undefined) {
    throw new CliError(`--as-of must be a calendar date YYYY-MM-DD, got "${raw.asOf}"`);
  }
  // Birth years reach 90 years back and court listings end up to 5 years on: keep every date
  // inside what the importer accepts (1900–2199).
  if (raw.asOf < AS_OF_RANGE[0] || raw.asOf > AS_OF_RANGE[1]) {
    throw new CliError(`--as-of must be between ${AS_OF_RANGE[0]} and ${AS_OF_RANGE[1]}, got "${raw.asOf}"`);
  }
  if (raw.out.trim() === '') throw new CliError('--out must name a directory');
  return { persons, seed, out: raw.out, asOf: raw.asOf };
}

export function register(program: Command): void {
  program
    .command('synth')
    .description('Generate a deterministic synthetic population as CSV import files.')
    .requiredOption('--persons <n>', 'number of persons')
    .requiredOption('--seed <s>', 'seed of the generator (integer); same seed and N give identical files')
    .requiredOption('--out <dir>', 'output directory (created if missing; the five files are overwritten)')
    .option('--as-of <date>', 'reference date YYYY-MM-DD: every record is dated at or before it', '2026-06-30')
    .action(async (raw: SynthOptions) => {
      await runSynth(parseSynthOptions(raw));
    });
}

/** The phases `generatePopulation` announces, in order (progress units while generating). */
const GENERATION_PHASES = ['communities', 'persons', 'friendships', 'risk', 'transactions'];

async function runSynth(args: SynthArgs): Promise<void> {
  const [{ compactNumber, createProgress }, { generatePopulation }, { writePopulationFiles }] = await Promise.all([
    import('../progress.js'),
    import('../../synth/population.js'),
    import('../../synth/write-files.js'),
  ]);
  const existing = await stat(args.out).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new CliError(`--out ${args.out} exists and is not a directory`);

  const started = performance.now();
  const generating = createProgress({ label: 'synth: generating', total: GENERATION_PHASES.length });
  const pop = generatePopulation({
    persons: args.persons,
    seed: args.seed,
    asOf: args.asOf,
    onPhase: (phase) => generating.update(Math.max(0, GENERATION_PHASES.indexOf(phase)), phase),
  });
  generating.update(GENERATION_PHASES.length, `${compactNumber(pop.friendA.length)} friendships`);
  generating.stop();

  const writing = createProgress({ label: 'synth: writing', total: 3 * pop.persons + pop.friendA.length + pop.paidFrom.length });
  let summary;
  try {
    summary = await writePopulationFiles(pop, args.out, { onProgress: (p) => writing.update(p.done, p.file) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new CliError(`cannot write to ${args.out}: ${(error as Error).message}`);
    throw error;
  } finally {
    writing.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `synth: ${summary.persons} persons, ${summary.friendships} friendships, ${summary.transactions} transactions, ` +
      `${summary.events} events in ${seconds.toFixed(1)} s → ${args.out}`,
  );
}
