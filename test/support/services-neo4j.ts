/**
 * A dev Neo4j of a test's own, owned by scripts/services.sh in a temporary services folder on a
 * free port — the set-up `tiescore import --initial` expects in dev (services.sh bulk-import stops
 * it, imports into its data folder and starts it). Nothing else is ever stopped: services.sh stops
 * only the Neo4j whose pid it recorded in that folder. `close` stops it and removes the folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { freePort } from './free-port.js';

export interface ServicesNeo4j {
  uri: string;
  /** The environment a `tiescore` child needs to reach and bulk-load this Neo4j. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startServicesNeo4j(sizes: { heap: string; pageCache: string } = { heap: '512m', pageCache: '64m' }): Promise<ServicesNeo4j> {
  const dir = await mkdtemp(join(tmpdir(), 'tiescore-test-services-'));
  const port = await freePort();
  const env = { TIESCORE_SERVICES_DIR: dir, NEO4J_DEV_PORT: String(port), NEO4J_DEV_HEAP: sizes.heap, NEO4J_DEV_PAGECACHE: sizes.pageCache, NEO4J_URI: `bolt://127.0.0.1:${port}` };
  const services = (command: string) => spawnSync('bash', [join(PACKAGE_ROOT, 'scripts/services.sh'), command], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const started = services('start');
  if (started.status !== 0) {
    services('stop');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`services-neo4j: start failed:\n${started.stdout}${started.stderr}`);
  }
  return {
    uri: env.NEO4J_URI,
    env,
    async close() {
      services('stop');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
