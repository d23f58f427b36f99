/**
 * A running `tiescore demo` for browser tests: the compiled CLI (what `npx tiescore demo` runs),
 * embedded, on a free port, with its JSON summary (URL and one key per role) read from stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import type { DemoSummary } from '../../../src/demo/run-demo.js';

export interface DemoServer {
  url: string;
  keys: Record<'admin' | 'analyst' | 'consumer' | 'subject', string>;
  summary: DemoSummary;
  /** Everything the demo wrote to stderr (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The newest modification time of the hand-written files under `dir`, in ms. Generated files
 * (`*.gen.*`, e.g. the page's API types, which `npm run typecheck` writes again) are left out.
 */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.name.includes('.gen.')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The browser tests drive the build: refuse one older than the sources instead of testing stale code. */
export function assertBuildIsCurrent(): void {
  const built = statSync('dist/cli/main.js', { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built < newestUnder('src')) throw new Error('e2e: dist/ is older than src/ (or missing): run `npm run build` first');
}

export async function startDemo(options: { persons: number; timeoutMs?: number }): Promise<DemoServer> {
  assertBuildIsCurrent();
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/tiescore.js', 'demo', '--persons', String(options.persons), '--port', String(port), '--json'], {
    // Embedded: point the services at closed ports, so nothing here can reach a shared Neo4j or Redis.
    env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const summary = await new Promise<DemoSummary & { api: { url: string; keys: DemoServer['keys'] } }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tiescore demo printed no summary within ${options.timeoutMs ?? 120_000} ms; stderr: ${stderr}`)), options.timeoutMs ?? 120_000);
    // The summary is the first JSON line with the API's URL (log lines are JSON too).
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { api?: unknown };
        if (parsed.api) {
          clearTimeout(timer);
          resolve(parsed as never);
        }
      } catch {
        // not JSON: a human-readable line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tiescore demo exited with code ${code} before serving; stderr: ${stderr}`));
    });
  });
  return { url: summary.api.url, keys: summary.api.keys, summary, stderr: () => stderr, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
