/**
 * `tiescore` commands as child processes (from the sources, through tsx), for the tests that
 * kill them: their stderr is kept so a test can wait for a line, and `kill` waits for the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { until } from './until.js';

export interface CliProcess {
  child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the first stderr match of `pattern`; throws after `timeoutMs` or when the process exits first. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` (default SIGKILL) and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
}

/**
 * @example
 * const worker = startCli(['worker', '--no-schedule'], { QUEUE_PREFIX: 'tiescore-test-1' });
 * await worker.waitForStderr(/worker ready/);
 */
export function startCli(args: readonly string[], env: Record<string, string | undefined> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => text,
    exited,
    waitForStderr(pattern, timeoutMs = 90_000) {
      return until(`${args[0]} to print ${pattern}`, async () => {
        const match = text.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${args[0]} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${text}`);
        return undefined;
      }, timeoutMs);
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
