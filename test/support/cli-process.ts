/**
 * `tiescore` commands as real child processes (from the sources, through tsx: no build needed),
 * keeping everything they print, so a test can wait for a line, search the output, or kill them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { until } from './until.js';

export { until } from './until.js';

export interface CliRun {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the first stderr match of `pattern`; throws after `timeoutMs` or when the process exits first. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` (default SIGKILL) and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Resolves with the exit code, or the signal's name when a signal ended it. */
  exited: Promise<number | string>;
}

/** The same as CliRun (the name the crash tests use). */
export type CliProcess = CliRun;

/**
 * Starts `tiescore ...args` with `env` added to this process's environment.
 *
 * @example
 * const worker = startCli(['worker', '--no-schedule'], { QUEUE_PREFIX: 'tiescore-test-1', LOG_LEVEL: 'warn' });
 * await worker.waitForStderr(/worker ready/);
 */
export function startCli(args: readonly string[], env: Record<string, string | undefined> = {}): CliRun {
  return startScript('src/cli/main.ts', args, env);
}

/**
 * Starts the TypeScript file `script` (through tsx) with `args`, `env` added to this process's
 * environment: test-only entry points such as paused-worker.ts.
 */
export function startScript(script: string, args: readonly string[], env: Record<string, string | undefined> = {}): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr(pattern, timeoutMs = 90_000) {
      return until(`${args[0]} to print ${pattern}`, () => {
        const match = err.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${args[0]} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${err}`);
        return undefined;
      }, timeoutMs);
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Runs a command to its end; throws with its output when it exits non-zero. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  const run = startCli(args, env);
  const code = await run.exited;
  if (code !== 0) throw new Error(`tiescore ${args.join(' ')} exited ${code}:\n${run.stderr()}${run.stdout()}`);
  return { stdout: run.stdout(), stderr: run.stderr() };
}
