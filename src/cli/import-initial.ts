/**
 * `tiescore import --initial`: a first load through Neo4j's offline bulk importer. The rows are
 * read and checked by the one importer (src/import/importer.ts: the same `FILE:LINE: reason`
 * messages, the same `--strict`), written as bulk-import CSVs instead of upserts, and the database
 * is built from them by `neo4j-admin database import full` (dev: scripts/services.sh bulk-import
 * stops the dev Neo4j, imports, starts it), then migrated like `tiescore db migrate`. Nothing is
 * touched before every row was read: a `--strict` abort or a refused target leaves the database
 * as it was.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { importFiles, type ImportFiles, type ImportOptions, type ImportSummary } from '../import/importer.js';
import { BulkCsvWriter } from '../store/neo4j/bulk-csv-writer.js';
import { BulkImportError, bulkLoadTarget, runDevBulkImport } from '../store/neo4j/dev-bulk-import.js';
import { migrateSchema } from '../store/neo4j/migrate.js';
import { withoutPassword } from '../url-credentials.js';
import { CliError } from './cli-error.js';
import { connectCliNeo4j } from './open-store.js';
import { isLocal } from './service-errors.js';

export interface InitialLoadOptions extends Pick<ImportOptions, 'strict' | 'allowErased' | 'batchSize' | 'onRejected' | 'onProgress'> {
  /** Replace a database that holds anything (refused otherwise). */
  replace?: boolean | undefined;
  /** Only write the bulk-import files into this folder (for a neo4j-admin run elsewhere). */
  csvOnly?: string | undefined;
  /** Each line the dev load prints. */
  onLoadLine?: (line: string) => void;
}

export interface InitialLoadSummary {
  rows: ImportSummary;
  /** Whether the database was built (false: `--strict` aborted, or `--csv-only`). */
  loaded: boolean;
  /** Where the bulk-import files are (`--csv-only`). */
  csvDir?: string;
  seconds: number;
  rowsPerSecond: number;
  /** Where the time went, s: reading, checking and writing the rows; the bulk importer with the stop and start around it; `db migrate`. */
  phases: { rows: number; load: number; migrate: number };
}

export async function importInitial(config: Config, files: ImportFiles, options: InitialLoadOptions): Promise<InitialLoadSummary> {
  const started = performance.now();
  const phases = { rows: 0, load: 0, migrate: 0 };
  let phaseStarted = started;
  const phaseEnds = (phase: keyof typeof phases) => {
    const now = performance.now();
    phases[phase] = (now - phaseStarted) / 1000;
    phaseStarted = now;
  };
  if (options.csvOnly === undefined) await checkTarget(config, options.replace === true);
  const dir = options.csvOnly ?? (await mkdtemp(join(tmpdir(), 'tiescore-initial-')));
  try {
    const writer = await BulkCsvWriter.create(dir);
    const rows = await importFiles(writer, files, { ...options, erasureSalt: config.ERASURE_SALT });
    const done = (loaded: boolean) => {
      const seconds = (performance.now() - started) / 1000;
      return { rows, loaded, ...(options.csvOnly === undefined ? {} : { csvDir: dir }), seconds, rowsPerSecond: seconds > 0 ? rows.read / seconds : 0, phases };
    };
    if (rows.aborted) return done(false);
    const input = await writer.finish();
    phaseEnds('rows');
    if (options.csvOnly !== undefined) return done(false);
    const port = Number(new URL(config.NEO4J_URI).port || 7687);
    await runDevBulkImport({ input, port, database: config.NEO4J_DATABASE, onLine: options.onLoadLine }).catch((error: unknown) => {
      throw error instanceof BulkImportError ? new CliError(`import --initial: ${error.message}`) : error;
    });
    phaseEnds('load');
    const connection = await connectCliNeo4j(config);
    await migrateSchema(connection.driver, connection.database).finally(() => connection.close());
    phaseEnds('migrate');
    return done(true);
  } finally {
    if (options.csvOnly === undefined) await rm(dir, { recursive: true, force: true });
  }
}

/** Refuses a remote Neo4j (built where it runs), one that holds anything without --replace, and one with erasure records. */
async function checkTarget(config: Config, replace: boolean): Promise<void> {
  const shown = withoutPassword(config.NEO4J_URI);
  if (!isLocal(config.NEO4J_URI)) {
    throw new CliError(`import --initial builds the database on the machine that holds it, and NEO4J_URI (${shown}) is not this one: write the files with --csv-only DIR and run neo4j-admin there (README, "First load")`);
  }
  const connection = await connectCliNeo4j(config);
  const target = await bulkLoadTarget(connection).finally(() => connection.close());
  if (target.erasureRecords > 0) {
    throw new CliError(`import --initial: the database at ${shown} holds ${target.erasureRecords} erasure records, which a rebuilt database would forget; load it with \`tiescore import\` instead`);
  }
  if (target.nodes > 0 && !replace) {
    throw new CliError(`import --initial: the database at ${shown} is not empty (${target.nodes} nodes); give --replace to replace everything in it, or use \`tiescore import\``);
  }
}
