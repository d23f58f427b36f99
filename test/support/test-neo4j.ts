/**
 * The Neo4j the integration tests run on: a dev/neo4j server (Neo4jDevServer) that the test set-up
 * starts itself, on its own port and data directory (`<services dir>/test-neo4j/`), and marks as a
 * tiescore test database (cypher/test/mark-test-database) right after creating it. Only a marked
 * database can be wiped (src/store/neo4j/wipe-guard.ts), so a test run never empties a Neo4j it did
 * not start — a developer's own Neo4j on 7687 included: the tests do not look at 7687 at all.
 *
 * The server outlives the test run, so the next run (or the next single test file) reuses it after
 * checking that the recorded process is still our Neo4jDevServer and its database still carries the
 * marker; anything else is stopped (when it is ours) and replaced by a fresh one.
 * `scripts/services.sh stop` stops it and removes its data.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { cypher } from '../../src/store/neo4j/cypher.js';
import { freePort, portOpen } from './free-port.js';
import { until } from './until.js';

const NEO4J_DIR = join(PACKAGE_ROOT, 'dev/neo4j');
const SERVER_CLASS = 'dev.tiescore.Neo4jDevServer';

export interface TestNeo4jOptions {
  /** The services folder: `TIESCORE_SERVICES_DIR`, else `.services` in the checkout. */
  servicesDir: string;
  /** The port to run on: `TIESCORE_TEST_NEO4J_PORT`; unset: a free port chosen at creation. */
  port?: number | undefined;
  /** JVM heap and page cache (`NEO4J_DEV_HEAP`, `NEO4J_DEV_PAGECACHE`). */
  heap: string;
  pageCache: string;
}

/** The options from the environment the test commands run in. */
export function testNeo4jOptions(env: NodeJS.ProcessEnv = process.env): TestNeo4jOptions {
  const port = env.TIESCORE_TEST_NEO4J_PORT;
  if (port !== undefined && !/^[1-9][0-9]{0,4}$/.test(port)) throw new Error(`test-neo4j: TIESCORE_TEST_NEO4J_PORT="${port}" is not a port`);
  return {
    servicesDir: env.TIESCORE_SERVICES_DIR ?? join(PACKAGE_ROOT, '.services'),
    port: port === undefined ? undefined : Number(port),
    heap: env.NEO4J_DEV_HEAP ?? '1g',
    pageCache: env.NEO4J_DEV_PAGECACHE ?? '512m',
  };
}

/** Builds dev/neo4j when it is not built (a fresh clone), through scripts/services.sh. */
export function ensureNeo4jBuilt(): void {
  if (existsSync(join(NEO4J_DIR, 'target/classes')) && existsSync(join(NEO4J_DIR, 'target/lib'))) return;
  const built = spawnSync('bash', [join(PACKAGE_ROOT, 'scripts/services.sh'), 'build'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('test-neo4j: building dev/neo4j failed (see above)');
}

/**
 * Returns the Bolt URI of the test Neo4j, starting and marking a fresh one when none of ours runs.
 * Throws when the port it must use is taken by anything else: it never adopts a listener.
 *
 * @example
 * const uri = await ensureTestNeo4j(testNeo4jOptions()); // bolt://127.0.0.1:41237
 */
export async function ensureTestNeo4j(options: TestNeo4jOptions): Promise<string> {
  const state = join(options.servicesDir, 'test-neo4j');
  mkdirSync(state, { recursive: true });
  const unlock = await lock(join(state, 'lock'));
  try {
    const running = readRunning(state);
    if (running && (options.port === undefined || options.port === running.port)) {
      const uri = `bolt://127.0.0.1:${running.port}`;
      if ((await portOpen(running.port)) && (await isMarked(uri))) return uri;
    }
    if (running) await stopProcess(running.pid);
    return await startFresh(state, options);
  } finally {
    unlock();
  }
}

async function startFresh(state: string, options: TestNeo4jOptions): Promise<string> {
  const port = options.port ?? (await freePort());
  if (await portOpen(port)) {
    throw new Error(
      `test-neo4j: something else listens on 127.0.0.1:${port}; the tests only use a Neo4j they start themselves — ` +
        'free the port or set TIESCORE_TEST_NEO4J_PORT to another one',
    );
  }
  ensureNeo4jBuilt();
  const data = join(state, 'data');
  rmSync(data, { recursive: true, force: true });
  rmSync(join(state, 'pid'), { force: true });
  const logFile = join(state, 'neo4j.log');
  const log = openSync(logFile, 'w');
  const target = join(NEO4J_DIR, 'target');
  const server = spawn('java', [`-Xmx${options.heap}`, '-XX:+UseG1GC', '-cp', `${target}/classes:${target}/lib/*`, SERVER_CLASS], {
    env: { ...process.env, NEO4J_DEV_DATA: data, NEO4J_DEV_PORT: String(port), NEO4J_DEV_PAGECACHE: options.pageCache },
    stdio: ['ignore', log, log],
    detached: true, // outlives this test run; the next one reuses it
  });
  closeSync(log);
  server.unref();
  writeFileSync(join(state, 'pid'), `${server.pid}\n`);
  writeFileSync(join(state, 'port'), `${port}\n`);
  await until(`the test neo4j on port ${port} (log: ${logFile})`, async () => {
    if (server.exitCode !== null) throw new Error(`test-neo4j: neo4j exited with code ${server.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    return (readFileSync(logFile, 'utf8').includes('neo4j dev server ready') && (await portOpen(port))) || undefined;
  }, 180_000);
  const uri = `bolt://127.0.0.1:${port}`;
  const driver = neo4j.driver(uri);
  try {
    await driver.executeQuery(cypher('test/mark-test-database'), { createdAt: new Date().toISOString() });
  } finally {
    await driver.close();
  }
  return uri;
}

/** The recorded server when its process is alive and is our Neo4jDevServer. */
function readRunning(state: string): { pid: number; port: number } | undefined {
  try {
    const pid = Number(readFileSync(join(state, 'pid'), 'utf8'));
    const port = Number(readFileSync(join(state, 'port'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 && commandLine(pid).includes(SERVER_CLASS) ? { pid, port } : undefined;
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }
}

async function isMarked(uri: string): Promise<boolean> {
  const driver = neo4j.driver(uri, undefined, { connectionTimeout: 5_000 });
  try {
    const { records } = await driver.executeQuery(cypher('store/test-database-marker'));
    return records.length > 0;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

async function stopProcess(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGCONT');
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 60_000;
  while (processAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  if (processAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** A directory lock, so two test commands sharing a services folder start one server, not two. */
async function lock(path: string): Promise<() => void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = 0; // 0: the holder has not written its pid yet
      try {
        holder = Number(readFileSync(join(path, 'pid'), 'utf8'));
      } catch {
        // not written yet
      }
      if (holder > 0 && !processAlive(holder)) rmSync(path, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`test-neo4j: ${path} is held by process ${holder}`);
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
