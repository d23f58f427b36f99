/**
 * The database side of a first load: what the target holds before it is replaced, and the dev
 * load itself — `scripts/services.sh bulk-import`, which stops the dev Neo4j it started, runs
 * Neo4j's offline importer on its data folder and starts it again (Docker Compose: README,
 * "First load").
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../package-root.js';
import type { BulkImportInput } from './bulk-csv-writer.js';
import type { Neo4jConnection } from './connection.js';
import { cypher } from './cypher.js';

export interface BulkLoadTarget {
  /** Nodes of any label. */
  nodes: number;
  erasureRecords: number;
}

export async function bulkLoadTarget(connection: Pick<Neo4jConnection, 'driver' | 'database'>): Promise<BulkLoadTarget> {
  const { records } = await connection.driver.executeQuery(cypher('store/bulk-load-check'), {}, { database: connection.database, routing: 'READ' });
  const row = records[0];
  return { nodes: Number(row?.get('nodes') ?? 0), erasureRecords: Number(row?.get('erasureRecords') ?? 0) };
}

export interface DevBulkImportOptions {
  input: BulkImportInput;
  /** The Bolt port of the dev Neo4j (NEO4J_URI's); services.sh refuses a Neo4j it did not start there. */
  port: number;
  /** The database to build (NEO4J_DATABASE; `neo4j` when unset). */
  database: string | undefined;
  /** Each line services.sh prints. */
  onLine?: (line: string) => void;
}

export class BulkImportError extends Error {
  override name = 'BulkImportError';
}

/** Stops the dev Neo4j, builds the database from `input`, starts it; rejects with services.sh's last words. */
export function runDevBulkImport({ input, port, database, onLine }: DevBulkImportOptions): Promise<void> {
  const child = spawn('bash', [join(PACKAGE_ROOT, 'scripts/services.sh'), 'bulk-import', input.dir, database ?? 'neo4j'], {
    env: { ...process.env, NEO4J_DEV_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      onLine?.(line);
      tail.push(line);
      if (tail.length > 5) tail.shift();
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new BulkImportError(`scripts/services.sh could not be run: ${error.message}`)));
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new BulkImportError(tail.filter((line) => /services: /.test(line)).at(-1)?.replace(/^services: /, '') ?? `scripts/services.sh bulk-import exited with ${code}`));
    });
  });
}
