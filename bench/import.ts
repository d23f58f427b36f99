/**
 * Import benchmark: a synthetic population (seed 1) imported into the real Neo4j by the ordinary
 * importer — validation, idempotent MERGE upserts, change detection, dirty marks — then imported
 * again (every row unchanged). Baseline in the same run: the plainest possible friendship load
 * (UNWIND … CREATE in the same 10k batches, no MERGE, no validation).
 *
 *   npx tsx bench/import.ts --persons 100000 --runs 3
 *
 * Wipes the database, so NEO4J_URI must be a tiescore test database (README, "Tests and their own
 * Neo4j"). Prints one JSON object on its last line.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { importFiles, type ImportSummary, type ImportTimings } from '../src/import/importer.js';
import { connectNeo4j } from '../src/store/neo4j/connection.js';
import { cypher } from '../src/store/neo4j/cypher.js';
import { migrateSchema } from '../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { generatePopulation } from '../src/synth/population.js';
import { writePopulationFiles } from '../src/synth/write-files.js';
import { machine, median, numberArg } from './lib/report.js';

const persons = numberArg('persons', 100_000);
const runs = numberArg('runs', 3);
const config = loadConfig();

const dir = await mkdtemp(join(tmpdir(), 'tiescore-bench-import-'));
await writePopulationFiles(generatePopulation({ persons, seed: 1 }), dir);
const files = Object.fromEntries(['persons', 'friendships', 'transactions', 'events'].map((kind) => [kind, join(dir, `${kind}.csv`)]));

const connection = await connectNeo4j(config);
const store = await Neo4jStore.open(config);
const fileOf = (summary: ImportSummary, kind: string) => summary.files.find((f) => f.kind === kind)!;
let rows: Record<string, number> = {};

interface Sample {
  firstSeconds: number;
  rowsPerSecond: number;
  edgesPerSecond: number;
  secondSeconds: number;
  secondUnchanged: number;
  baselineFriendshipsPerSecond: number;
  friendshipsPerSecond: number;
  /** Where each file's time went in the first import (importer.ts, ImportTimings), ms. */
  timingsMs: Record<string, ImportTimings>;
}
const samples: Sample[] = [];
for (let r = 0; r < runs; r++) {
  await store.wipeAll();
  await migrateSchema(connection.driver, connection.database);
  const fileTimes = new Map<string, number>();
  let fileStart = performance.now();
  let current = '';
  const first = await importFiles(store, files, {
    onProgress: (p) => {
      if (p.kind !== current) {
        if (current) fileTimes.set(current, performance.now() - fileStart);
        current = p.kind;
        fileStart = performance.now();
      }
    },
  });
  fileTimes.set(current, performance.now() - fileStart);
  if (first.rejected > 0) throw new Error(`bench: ${first.rejected} rows rejected`);
  const second = await importFiles(store, files);

  // Baseline: the same friendship pairs, CREATE only, in the same batch size.
  const pairs = (await readFile(files.friendships!, 'utf8')).split('\n').slice(1).filter(Boolean).map((line) => {
    const [a, b] = line.split(',');
    return { a, b };
  });
  const t0 = performance.now();
  for (let k = 0; k < pairs.length; k += 10_000) {
    await connection.driver.executeQuery(cypher('bench/friendships-create'), { rows: pairs.slice(k, k + 10_000) }, { database: connection.database });
  }
  const baselineSeconds = (performance.now() - t0) / 1000;
  const session = connection.driver.session({ database: connection.database }); // CALL … IN TRANSACTIONS needs auto-commit
  await session.run(cypher('bench/baseline-delete'));
  await session.close();

  rows = Object.fromEntries(first.files.map((f) => [f.kind, f.read]));
  const edges = fileOf(first, 'friendships').read + fileOf(first, 'transactions').read;
  const edgeSeconds = ((fileTimes.get('friendships') ?? 0) + (fileTimes.get('transactions') ?? 0)) / 1000;
  const sample: Sample = {
    firstSeconds: first.seconds,
    rowsPerSecond: first.rowsPerSecond,
    edgesPerSecond: edges / edgeSeconds,
    friendshipsPerSecond: fileOf(first, 'friendships').read / ((fileTimes.get('friendships') ?? 1) / 1000),
    baselineFriendshipsPerSecond: pairs.length / baselineSeconds,
    secondSeconds: second.seconds,
    secondUnchanged: second.unchanged,
    timingsMs: Object.fromEntries(first.files.map((f) => [f.kind, f.timingsMs])),
  };
  samples.push(sample);
  console.error(`run ${r + 1}/${runs}: ${JSON.stringify(sample)}`);
}
const med = (key: Exclude<keyof Sample, 'timingsMs'>) => Math.round(median(samples.map((s) => s[key])));
/** Per file and part, the median over the runs. */
const timingMedians = Object.fromEntries(
  Object.keys(samples[0]!.timingsMs).map((kind) => [
    kind,
    Object.fromEntries((Object.keys(samples[0]!.timingsMs[kind]!) as (keyof ImportTimings)[]).map((part) => [part, Math.round(median(samples.map((s) => s.timingsMs[kind]![part])))])),
  ]),
);
const result = {
  benchmark: 'import',
  persons,
  runs,
  machine: machine(),
  rows,
  medians: {
    firstImportSeconds: med('firstSeconds'),
    rowsPerSecond: med('rowsPerSecond'),
    edgesPerSecond: med('edgesPerSecond'),
    friendshipsPerSecond: med('friendshipsPerSecond'),
    baselineFriendshipsPerSecond: med('baselineFriendshipsPerSecond'),
    reimportSeconds: med('secondSeconds'),
  },
  /** Where the first import's time went, per file (ms): parsing, reference checks, waiting for the database, writes (beside parsing). */
  timingsMs: timingMedians,
  ratioFriendshipsVsBaseline: Math.round((median(samples.map((s) => s.friendshipsPerSecond)) / median(samples.map((s) => s.baselineFriendshipsPerSecond))) * 100) / 100,
};
await store.close();
await connection.close();
await rm(dir, { recursive: true, force: true });
console.log(JSON.stringify(result));
