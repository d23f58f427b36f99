/**
 * First-load benchmark: a synthetic population (seed 1) loaded into a Neo4j of the benchmark's own
 * (scripts/services.sh in a temporary services folder, on a free port: never a database it did not
 * start) twice in the same run — by the online import (`tiescore import`: validation, batched MERGE
 * upserts over Bolt) into the freshly migrated database, then by `tiescore import --initial
 * --replace` (the same validation, bulk-import CSVs, `neo4j-admin database import full`, restart,
 * migrate). Both rates are input rows per second of wall time, end to end.
 *
 *   npx tsx bench/bulk-import.ts --persons 1000000 [--online-persons 100000] [--runs 3]
 *
 * `--online-persons` gives the online import a smaller population of its own (default: the same
 * files): at 1M it would take most of an hour, and its rate only falls as the graph grows, so a
 * smaller online load flatters the baseline, never the bulk load. `--runs` repeats both loads
 * and reports medians.
 *
 * NEO4J_DEV_HEAP / NEO4J_DEV_PAGECACHE size the benchmark's Neo4j (default 2g / 1g),
 * NEO4J_DEV_IMPORT_HEAP the importer's JVM. Prints one JSON object on its last line.
 */
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
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
import { machine, median, numberArg } from './lib/report.js';

const persons = numberArg('persons', 100_000);
const onlinePersons = numberArg('online-persons', persons);
const runs = numberArg('runs', 1);
const dir = await mkdtemp(join(tmpdir(), 'tiescore-bench-bulk-'));
const populationFiles = async (n: number, folder: string) => {
  await writePopulationFiles(generatePopulation({ persons: n, seed: 1 }), folder);
  return Object.fromEntries(['persons', 'friendships', 'transactions', 'events', 'outcomes'].map((kind) => [kind, join(folder, `${kind}.csv`)]));
};
const files = await populationFiles(persons, join(dir, 'initial'));
const onlineFiles = onlinePersons === persons ? files : await populationFiles(onlinePersons, join(dir, 'online'));
/** A file's first line, from its first 64 KiB (not the whole file: at 1M the events file is hundreds of MB). */
const headerOf = async (path: string): Promise<string> => {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(65_536), 0, 65_536, 0);
    return buffer.toString('utf8', 0, bytesRead).split('\n', 1)[0]!;
  } finally {
    await file.close();
  }
};
/** The same files with their header rows only. */
const emptyFiles = Object.fromEntries(
  await Promise.all(
    Object.entries(files).map(async ([kind, path]) => {
      const empty = join(dir, `empty-${kind}.csv`);
      await writeFile(empty, `${await headerOf(path)}\n`);
      return [kind, empty] as const;
    }),
  ),
);

const own = await startServicesNeo4j({ heap: process.env.NEO4J_DEV_HEAP ?? '2g', pageCache: process.env.NEO4J_DEV_PAGECACHE ?? '1g' });
Object.assign(process.env, own.env); // services.sh (run by import --initial) finds its Neo4j through these
const config = loadConfig();
try {
  const onlineSamples: { rows: number; seconds: number; rowsPerSecond: number }[] = [];
  const initialSamples: { seconds: number; rowsPerSecond: number; phases: { rows: number; load: number; migrate: number } }[] = [];
  for (let run = 1; run <= runs; run++) {
    // The online import starts from an empty, migrated database: after the first run, the bulk
    // load of the run before is replaced by a bulk load of no rows (import --initial migrates).
    if (run === 1) {
      const connection = await connectNeo4j(config);
      await migrateSchema(connection.driver, connection.database).finally(() => connection.close());
    } else if (!(await importInitial(config, emptyFiles, { replace: true })).loaded) throw new Error('bench: could not empty the database');
    const store = await Neo4jStore.open(config);
    console.error(`bench: run ${run}/${runs}: online import of ${onlinePersons} persons…`);
    const online = await importFiles(store, onlineFiles).finally(() => store.close());
    if (online.rejected > 0) throw new Error(`bench: ${online.rejected} rows rejected`);
    onlineSamples.push({ rows: online.read, seconds: online.seconds, rowsPerSecond: online.rowsPerSecond });
    console.error(`bench: online ${online.read} rows in ${online.seconds.toFixed(1)} s; import --initial --replace of ${persons} persons…`);
    const initial = await importInitial(config, files, { replace: true, onLoadLine: (line) => console.error(line) });
    if (!initial.loaded) throw new Error('bench: import --initial did not load');
    initialSamples.push({ seconds: initial.seconds, rowsPerSecond: initial.rowsPerSecond, phases: initial.phases });
    console.error(`bench: initial ${initial.seconds.toFixed(1)} s, ${Math.round(initial.rowsPerSecond)} rows/s (${JSON.stringify(initial.phases)})`);
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  const onlineRate = median(onlineSamples.map((s) => s.rowsPerSecond));
  const initialRate = median(initialSamples.map((s) => s.rowsPerSecond));
  console.log(
    JSON.stringify({
      benchmark: 'bulk-import',
      persons,
      onlinePersons,
      runs,
      machine: machine(),
      online: { rows: onlineSamples[0]!.rows, medianSeconds: round(median(onlineSamples.map((s) => s.seconds))), medianRowsPerSecond: Math.round(onlineRate), samples: onlineSamples.map((s) => round(s.seconds)) },
      initial: {
        medianSeconds: round(median(initialSamples.map((s) => s.seconds))),
        medianRowsPerSecond: Math.round(initialRate),
        samples: initialSamples.map((s) => round(s.seconds)),
        // Where the time went (median per phase): rows read, checked and written; neo4j-admin with the stop and start; db migrate.
        medianPhases: { rows: round(median(initialSamples.map((s) => s.phases.rows))), load: round(median(initialSamples.map((s) => s.phases.load))), migrate: round(median(initialSamples.map((s) => s.phases.migrate))) },
      },
      ratioInitialVsOnline: round(initialRate / onlineRate),
    }),
  );
} finally {
  await own.close();
  await rm(dir, { recursive: true, force: true });
}
