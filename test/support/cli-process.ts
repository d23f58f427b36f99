/** Runs `tiescore` commands as real processes (through tsx, no build needed) and keeps all they print. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface CliRun {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** Starts `tiescore ...args` with `env` added to this process's environment. */
export function startCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs a command to its end; throws with its output when it exits non-zero. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const run = startCli(args, env);
  const code = await run.exited;
  if (code !== 0) throw new Error(`tiescore ${args.join(' ')} exited ${code}:\n${run.stderr()}${run.stdout()}`);
  return { stdout: run.stdout(), stderr: run.stderr() };
}

/** Waits until `probe` returns something, polling. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
