/**
 * First-load benchmark: a synthetic population (seed 1) loaded into a Neo4j of the benchmark's own
 * (scripts/services.sh in a temporary services folder, on a free port: never a database it did not
 * start) twice in the same run — by the online import (`tiescore import`: validation, batched MERGE
 * upserts over Bolt) into the freshly migrated database, then by `tiescore import --initial
 * --replace` (the same validation, bulk-import CSVs, `neo4j-admin database import full`, restart,
 * migrate). Both rates are input rows per second of wall time, end to end.
 *
 *   npx tsx bench/bulk-import.ts --persons 1000000
 *
 * NEO4J_DEV_HEAP / NEO4J_DEV_PAGECACHE size the benchmark's Neo4j (default 2g / 1g),
 * NEO4J_DEV_IMPORT_HEAP the importer's JVM. Prints one JSON object on its last line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importInitial } from '../src/cli/import-initial.js';
import { loadConfig } from '../src/config.js';
import { importFiles } from '../src/import/importer.js';
import { connectNeo4j } from '../src/store/neo4j/connection.js';
import { migrateSchema } from '../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { generatePopulation } from '../src/synth/population.js';
import { writePopulationFiles } from '../src/synth/write-files.js';
import { startServicesNeo4j } from '../test/support/services-neo4j.js';
import { machine, numberArg } from './lib/report.js';

const persons = numberArg('persons', 100_000);
const dir = await mkdtemp(join(tmpdir(), 'tiescore-bench-bulk-'));
await writePopulationFiles(generatePopulation({ persons, seed: 1 }), dir);
const files = Object.fromEntries(['persons', 'friendships', 'transactions', 'events', 'outcomes'].map((kind) => [kind, join(dir, `${kind}.csv`)]));

const own = await startServicesNeo4j({ heap: process.env.NEO4J_DEV_HEAP ?? '2g', pageCache: process.env.NEO4J_DEV_PAGECACHE ?? '1g' });
Object.assign(process.env, own.env); // services.sh (run by import --initial) finds its Neo4j through these
const config = loadConfig();
try {
  const connection = await connectNeo4j(config);
  await migrateSchema(connection.driver, connection.database).finally(() => connection.close());
  const store = await Neo4jStore.open(config);
  console.error('bench: online import…');
  const online = await importFiles(store, files).finally(() => store.close());
  if (online.rejected > 0) throw new Error(`bench: ${online.rejected} rows rejected`);
  console.error(`bench: online ${online.read} rows in ${online.seconds.toFixed(1)} s; import --initial --replace…`);
  const initial = await importInitial(config, files, { replace: true, onLoadLine: (line) => console.error(line) });
  if (!initial.loaded) throw new Error('bench: import --initial did not load');
  const round = (x: number) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      benchmark: 'bulk-import',
      persons,
      machine: machine(),
      rows: online.read,
      online: { seconds: round(online.seconds), rowsPerSecond: Math.round(online.rowsPerSecond) },
      initial: { seconds: round(initial.seconds), rowsPerSecond: Math.round(initial.rowsPerSecond) },
      ratioInitialVsOnline: round(initial.rowsPerSecond / online.rowsPerSecond),
    }),
  );
} finally {
  await own.close();
  await rm(dir, { recursive: true, force: true });
}
