/**
 * A Neo4j server of a test's own (dev/neo4j's Neo4jDevServer, run directly with java) on a free
 * port and a temporary data folder, for the tests that stop and restart Neo4j — never the shared
 * instance the other tests use. `stop` shuts it down (SIGTERM: its shutdown hook closes the
 * database), `start` (again) starts it if it is not running, on the same port and data; `pause` and
 * `resume` freeze and thaw it (SIGSTOP/SIGCONT: a hung server); `close` stops it and removes the data.
 * Its database is not marked as a tiescore test database (see test-neo4j.ts): nothing wipes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { freePort, portOpen } from './free-port.js';
import { ensureNeo4jBuilt } from './test-neo4j.js';
import { until } from './until.js';

export interface DedicatedNeo4j {
  uri: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGSTOP: the process is frozen — its port still accepts connections, nothing answers. */
  pause(): void;
  /** SIGCONT: the frozen process runs on. `stop` and `close` resume it first. */
  resume(): void;
  close(): Promise<void>;
}

const NEO4J_DIR = join(PACKAGE_ROOT, 'dev/neo4j/target');

export async function startDedicatedNeo4j(): Promise<DedicatedNeo4j> {
  ensureNeo4jBuilt();
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'tiescore-test-neo4j-'));
  let child: ChildProcess | undefined;

  const neo4j: DedicatedNeo4j = {
    uri: `bolt://127.0.0.1:${port}`,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return; // running
      let log = '';
      const server = spawn('java', ['-Xmx512m', '-XX:+UseSerialGC', '-cp', `${NEO4J_DIR}/classes:${NEO4J_DIR}/lib/*`, 'dev.tiescore.Neo4jDevServer'], {
        env: { ...process.env, NEO4J_DEV_DATA: join(dir, 'data'), NEO4J_DEV_PORT: String(port), NEO4J_DEV_PAGECACHE: '64m' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      child = server;
      await until(`neo4j on port ${port}`, async () => {
        if (server.exitCode !== null) throw new Error(`neo4j exited with code ${server.exitCode}:\n${log.slice(-2000)}`);
        return (log.includes('neo4j dev server ready') && (await portOpen(port))) || undefined;
      }, 180_000);
    },
    pause() {
      if (!child?.kill('SIGSTOP')) throw new Error('neo4j is not running: nothing to pause');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async stop() {
      const server = child;
      child = undefined;
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGCONT'); // a frozen process would not act on SIGTERM
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const force = setTimeout(() => server.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(force);
    },
    async close() {
      await neo4j.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await neo4j.start();
  return neo4j;
}
