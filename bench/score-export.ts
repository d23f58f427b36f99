/**
 * Score-export benchmark: `tiescore scores export` (in this process, the same code path) of the
 * published run in Neo4j to NDJSON and to gzipped CSV, against the plain read of the same scores
 * in the same run (the store's seq-range pages, nothing encoded or written): how much the export
 * adds to reading. Target: 1M persons in ≤ 60 s on the 2-core machine. Also samples the process's
 * resident memory, which must stay flat (the export streams a page at a time).
 *
 *   npx tsx bench/score-export.ts --runs 3 [--page-size 10000]
 *   npx tsx bench/score-export.ts --persons 20000     # an empty database: load and score a population first
 *
 * Runs on the published run at NEO4J_URI (load and score one first, e.g. bench/import.ts then
 * bench/recompute.ts). With --persons N and a database holding no published run, it imports a
 * synthetic population (seed 1) and scores it inline first. Each export is recorded like any
 * other (purpose "benchmark"). Prints one JSON object on its last line.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScoreExport } from '../src/cli/score-export-file.js';
import { loadConfig } from '../src/config.js';
import { recomputeInline } from '../src/jobs/recompute/inline-runner.js';
import { loadModel } from '../src/score/index.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { importSyntheticPopulation } from './lib/population.js';
import { machine, median, numberArg } from './lib/report.js';

const runs = numberArg('runs', 3);
const pageSize = numberArg('page-size', 10_000);
const persons = process.argv.includes('--persons') ? numberArg('persons', 0) : undefined;
const config = loadConfig();
const store = await Neo4jStore.open(config);

let run = await store.publishedRun();
if (!run && persons !== undefined) {
  console.error(`score-export: no published run; importing and scoring ${persons} synthetic persons first`);
  await importSyntheticPopulation(store, { persons, seed: 1, asOf: '2026-06-30' });
  run = (await recomputeInline(store, await loadModel(), { asOf: '2026-06-30' })).run;
}
if (!run) throw new Error('bench/score-export: no run is published at NEO4J_URI; load and score a population first (or give --persons N)');

let peakRssMiB = 0;
const sampler = setInterval(() => (peakRssMiB = Math.max(peakRssMiB, process.memoryUsage().rss / 2 ** 20)), 200);

/** The plain read: every page of the served scores, kept nowhere. */
async function readOnly(): Promise<{ seconds: number; rows: number }> {
  const started = performance.now();
  const bound = await store.seqBound();
  let rows = 0;
  for (let from = 0; from < bound; from += pageSize) rows += (await store.scoresInSeqRange(run!, from, Math.min(from + pageSize, bound))).length;
  return { seconds: (performance.now() - started) / 1000, rows };
}

const dir = await mkdtemp(join(tmpdir(), 'tiescore-bench-export-'));
const samples: { read: number; ndjson: number; csvGz: number; rows: number; ndjsonMiB: number; csvGzMiB: number }[] = [];
try {
  for (let r = 0; r < runs; r++) {
    const read = await readOnly();
    const exportTo = async (name: string, format: 'ndjson' | 'csv', gzip: boolean) => {
      const out = join(dir, name);
      const summary = await writeScoreExport(store, { out, format, gzip, purpose: 'benchmark', pageSize, progress: false });
      return { ...summary, mib: (await stat(out)).size / 2 ** 20 };
    };
    const ndjson = await exportTo('scores.ndjson', 'ndjson', false);
    const csvGz = await exportTo('scores.csv.gz', 'csv', true);
    if (ndjson.rows !== read.rows || csvGz.rows !== read.rows) throw new Error(`bench/score-export: exported ${ndjson.rows}/${csvGz.rows} rows, read ${read.rows}`);
    samples.push({ read: read.seconds, ndjson: ndjson.seconds, csvGz: csvGz.seconds, rows: read.rows, ndjsonMiB: ndjson.mib, csvGzMiB: csvGz.mib });
    console.error(`run ${r + 1}/${runs}: ${read.rows} rows — read ${read.seconds.toFixed(2)} s, ndjson ${ndjson.seconds.toFixed(2)} s, csv.gz ${csvGz.seconds.toFixed(2)} s`);
  }
} finally {
  clearInterval(sampler);
  await rm(dir, { recursive: true, force: true });
  await store.close();
}

const rows = samples[0]!.rows;
const med = (pick: (s: (typeof samples)[number]) => number) => Math.round(median(samples.map(pick)) * 100) / 100;
const result = {
  bench: 'score-export',
  machine: machine(),
  runId: run.id,
  rows,
  runs,
  pageSize,
  medianSeconds: { read: med((s) => s.read), ndjson: med((s) => s.ndjson), csvGz: med((s) => s.csvGz) },
  rowsPerSecond: { read: Math.round(rows / med((s) => s.read)), ndjson: Math.round(rows / med((s) => s.ndjson)), csvGz: Math.round(rows / med((s) => s.csvGz)) },
  /** Export time over the plain read of the same rows (1 = the export adds nothing). */
  overRead: { ndjson: Math.round((100 * med((s) => s.ndjson)) / med((s) => s.read)) / 100, csvGz: Math.round((100 * med((s) => s.csvGz)) / med((s) => s.read)) / 100 },
  /** At this rate, a million rows in … s (target ≤ 60). */
  projected1MSeconds: { ndjson: Math.round((1e6 * med((s) => s.ndjson)) / rows), csvGz: Math.round((1e6 * med((s) => s.csvGz)) / rows) },
  fileMiB: { ndjson: Math.round(samples[0]!.ndjsonMiB * 10) / 10, csvGz: Math.round(samples[0]!.csvGzMiB * 10) / 10 },
  peakRssMiB: Math.round(peakRssMiB),
};
console.log(JSON.stringify(result));
