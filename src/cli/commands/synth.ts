/**
 * `tiescore synth`: generate a deterministic synthetic population and write it as the five
 * CSV import files. Progress goes to stderr (a bar on a terminal, a line every few seconds
 * otherwise); the summary line goes to stdout.
 */
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { CliError } from '../cli-error.js';
import { parseIsoDate } from '../../synth/dates.js';
import { generatePopulation, MAX_PERSONS } from '../../synth/population.js';
import { writePopulationFiles, type WriteProgress } from '../../synth/write-files.js';

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

async function runSynth(args: SynthArgs): Promise<void> {
  const existing = await stat(args.out).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new CliError(`--out ${args.out} exists and is not a directory`);

  const started = performance.now();
  const progress = createProgress(process.stderr.isTTY === true);
  const pop = generatePopulation({
    persons: args.persons,
    seed: args.seed,
    asOf: args.asOf,
    onPhase: (phase) => progress.phase(`generating: ${phase}`),
  });
  progress.phase('writing files');
  let summary;
  try {
    summary = await writePopulationFiles(pop, args.out, { onProgress: (p) => progress.update(p) });
  } catch (error) {
    progress.stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new CliError(`cannot write to ${args.out}: ${(error as Error).message}`);
    throw error;
  }
  progress.stop();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `synth: ${summary.persons} persons, ${summary.friendships} friendships, ${summary.transactions} transactions, ` +
      `${summary.events} events in ${seconds.toFixed(1)} s → ${args.out}`,
  );
}

interface ProgressDisplay {
  phase(text: string): void;
  update(progress: WriteProgress): void;
  stop(): void;
}

/** A cli-progress bar on a terminal; otherwise a plain line per phase and every 5 s. */
function createProgress(tty: boolean): ProgressDisplay {
  if (tty) {
    const bar = new cliProgress.SingleBar(
      { format: 'synth |{bar}| {percentage}% | {task} | ETA {eta_formatted}', hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      phase(text) {
        if (!started) {
          bar.start(1, 0, { task: text });
          started = true;
        } else bar.update({ task: text });
      },
      update(p) {
        bar.setTotal(p.total);
        bar.update(p.done, { task: p.file });
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let last = 0;
  return {
    phase(text) {
      process.stderr.write(`synth: ${text}\n`);
    },
    update(p) {
      const now = performance.now();
      if (now - last < 5000 && p.done < p.total) return;
      last = now;
      process.stderr.write(`synth: ${((100 * p.done) / p.total).toFixed(0)}% (${p.file})\n`);
    },
    stop() {},
  };
}
