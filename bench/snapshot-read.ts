/**
 * SNAPSHOT and SCORE I/O benchmark (issue #22): where a full run's Neo4j time goes, beside the
 * same-run baselines the issue names.
 *
 * `--mode snapshot` (default), per run, interleaved:
 * - snapshot: `readSnapshotImage`, the SNAPSHOT step's read of the whole population (its edges
 *   and persons through tiescore's Neo4j procedures when the server has them, dev/neo4j);
 * - snapshotCypher: the same read with everything through Cypher (the store's fallback);
 * - plain: the plainest Cypher that streams the same ids, attributes, events and edges (one
 *   statement per kind, cypher/bench/snapshot-plain-*, run at once) to a client doing nothing
 *   with the records — the floor for "read the graph through Bolt";
 * and the breakdown of SNAPSHOT's own statements (persons with events, friendships,
 * transactions over seq ranges, as the store runs them, one after another):
 * - server: each statement run inside a subquery that only counts its rows and list items, so
 *   Neo4j's planning and execution without the transfer;
 * - stream: the records streamed to the driver and dropped (adds Bolt transfer and the driver's
 *   decoding);
 * and the Node CPU time the snapshot used (our decoding, scoring of records, CSR building).
 *
 * `--mode score`, interleaved chunk by chunk (chunks of `--chunk` persons, as the SCORE step
 * writes them): the SCORE step's write of a full run's chunk (`replaceScoresInSeqRange`, into
 * score blocks), the same chunk written again (a retried job), the merge write (`writeScores`, an
 * incremental run's chunks), and a plain `UNWIND … SET` of one property on the same persons
 * (cypher/bench/score-plain-set). The bench runs' scores and property are removed afterwards.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 npx tsx bench/snapshot-read.ts [--mode snapshot|score] [--runs 3] [--persons N]
 *     [--parts snapshot,snapshotCypher,plain,server,stream]
 *
 * `--parts` times only the parts named (default: all); at 1M `--parts snapshot,plain` is SNAPSHOT's
 * read beside issue 22's baseline in a few minutes instead of a quarter of an hour.
 *
 * The database at NEO4J_URI is used as it is; when it holds no persons, `--persons N` (default
 * 100,000) synthetic persons (seed 1) are imported first. `--dedicated` starts a Neo4j of its own
 * instead (test/support/dedicated-neo4j.ts: small heap, for a check that the bench works).
 * Prints one JSON object on its last line. Figures are only worth reporting on an idle machine.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import type { PersonScore } from '../src/domain/scores.js';
import { readSnapshotImage } from '../src/jobs/recompute/snapshot.js';
import { loadModel } from '../src/score/index.js';
import { connectNeo4j } from '../src/store/neo4j/connection.js';
import { cypher } from '../src/store/neo4j/cypher.js';
import { migrateSchema } from '../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { BLOCKS_PER_WRITE } from '../src/store/neo4j/score-blocks.js';
import { startDedicatedNeo4j } from '../test/support/dedicated-neo4j.js';
import { importSyntheticPopulation } from './lib/population.js';
import { machine, median, numberArg, stringArg } from './lib/report.js';

const mode = process.argv.includes('--mode') ? process.argv[process.argv.indexOf('--mode') + 1] : 'snapshot';
if (mode !== 'snapshot' && mode !== 'score') throw new Error('bench/snapshot-read: --mode must be snapshot or score');
const runs = numberArg('runs', 3);
const chunkSize = numberArg('chunk', 10_000);
const asOf = '2026-06-30';
const dedicated = process.argv.includes('--dedicated') ? await startDedicatedNeo4j() : undefined;
await dedicated?.start();
const config = { ...loadConfig(), ...(dedicated ? { NEO4J_URI: dedicated.uri } : {}) };
const connection = await connectNeo4j(config);
const { driver, database } = connection;
const store = await Neo4jStore.open(config);
const cypherStore = await Neo4jStore.open(config, { reads: 'cypher' });
const model = await loadModel();

if ((await store.counts()).persons === 0) {
  const persons = numberArg('persons', 100_000);
  console.error(`snapshot-read: the database holds no persons; importing ${persons} synthetic persons (seed 1)`);
  await migrateSchema(driver, database);
  await importSyntheticPopulation(store, { persons, seed: 1, asOf });
}
const counts = await store.counts();
const seqBound = await store.seqBound();

/** Wall seconds and Node CPU seconds (user + system) of `work`. */
async function timed(work: () => Promise<unknown>): Promise<{ seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** Runs `statement` and drops every record as it arrives (nothing kept, nothing built). */
async function streamDiscarding(driverOf: Driver, statement: string, params: Record<string, unknown> = {}): Promise<number> {
  const session = driverOf.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    let rows = 0;
    await new Promise<void>((resolve, reject) => {
      session.run(statement, params).subscribe({ onNext: () => void rows++, onCompleted: () => resolve(), onError: reject });
    });
    return rows;
  } finally {
    await session.close();
  }
}

/**
 * Runs `statement` inside a subquery whose rows are only counted on the server, so every list it
 * returns is built but nothing crosses Bolt. (A DISCARD of the result would not do: the server
 * executes lazily and a discarded stream is never computed.)
 */
async function serverOnly(statement: string, params: Record<string, unknown>, listColumn: string): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    await session.run(`CALL () {\n${statement}\n}\nRETURN count(*) AS rows, sum(size(${listColumn})) AS items`, params);
  } finally {
    await session.close();
  }
}

/** SNAPSHOT's statements over consecutive seq ranges of `width`, each run by `each`. */
async function overRanges(each: (statement: string, params: Record<string, unknown>, listColumn: string) => Promise<unknown>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const statements = [['persons/with-events-by-seq', 'events'], ['friendships/by-seq', 'edges'], ['transactions/by-seq', 'edges']] as const;
  for (const [name, listColumn] of statements) {
    const started = performance.now();
    for (let from = 0; from < seqBound; from += 10_000) {
      await each(cypher(name), { fromSeq: neo4j.int(from), toSeq: neo4j.int(Math.min(seqBound, from + 10_000)) }, listColumn);
    }
    out[name] = (performance.now() - started) / 1000;
  }
  return out;
}

const PLAIN = ['persons', 'events', 'friendships', 'transactions'].map((kind) => cypher(`bench/snapshot-plain-${kind}`));

/** The parts of a snapshot round `--parts` asks for (default: all). */
const SNAPSHOT_PARTS = ['snapshot', 'snapshotCypher', 'plain', 'server', 'stream'] as const;
const parts = new Set(stringArg('parts')?.split(',') ?? SNAPSHOT_PARTS);
for (const part of parts) if (!(SNAPSHOT_PARTS as readonly string[]).includes(part)) throw new Error(`bench/snapshot-read: --parts takes ${SNAPSHOT_PARTS.join(', ')}`);

async function snapshotRound() {
  const round: Record<string, unknown> = {};
  if (parts.has('snapshot')) round.snapshot = await timed(() => readSnapshotImage(store, model, asOf));
  if (parts.has('snapshotCypher')) round.snapshotCypher = await timed(() => readSnapshotImage(cypherStore, model, asOf));
  if (parts.has('plain')) {
    let plainRows = 0;
    round.plain = await timed(async () => {
      for (const rows of await Promise.all(PLAIN.map((statement) => streamDiscarding(driver, statement)))) plainRows += rows;
    });
    round.plainRows = plainRows;
  }
  if (parts.has('server')) round.server = await timed(async () => (round.serverParts = await overRanges(serverOnly)));
  if (parts.has('stream')) round.stream = await timed(async () => (round.streamParts = await overRanges((statement, params) => streamDiscarding(driver, statement, params))));
  return round;
}

/**
 * Synthetic scores of seqs [from, to) for `runId`, shaped and sized as the SCORE step writes
 * them: full-precision dimensions and four reason codes with their texts (a stored entry of about
 * 330 bytes, as a 1M run's are on average).
 */
function scoresOf(ids: readonly { seq: number; id: string }[], runId: string): PersonScore[] {
  return ids.map(({ seq, id }) => ({
    runId,
    personId: id,
    seq,
    score: 300 + (seq % 550),
    band: 'fair',
    dimensions: { history: 0.5 + seq / 3e7, behaviour: 0.15789473684210525, capacity: 0.1125, identity: 0.2, network: 0.421523578361249 },
    reasonCodes: [
      { code: 'H_DEFAULTS', reason: 'Defaults on record', pointsLost: 37.032187500000006 },
      { code: 'B_BILLS', reason: 'Some bills were not paid on time', pointsLost: 23.021052631578947 },
      { code: 'I_ACCOUNT_AGE', reason: 'The account is new', pointsLost: 19.620000000000005 },
      { code: 'H_LATE_SHARE', reason: 'Some repayments were made late', pointsLost: 18.781875 },
    ],
    modelVersion: model.version,
  }));
}

/** One way of writing a chunk of scores; the ways are timed interleaved chunk by chunk, so drift in the machine's load cancels. */
type ChunkWrite = (ids: { seq: number; id: string }[], from: number, to: number) => Promise<unknown>;

async function scoreRound(round: number) {
  const rangeRun = `bench-score-range-${process.pid}-${round}`;
  const mergeRun = `bench-score-merge-${process.pid}-${round}`;
  const plainSet: ChunkWrite = async (ids) => {
    const session = driver.session({ database });
    const params = { seqs: ids.map((row) => neo4j.int(row.seq)), values: ids.map((row) => row.seq / 7) };
    await session.executeWrite((tx) => tx.run(cypher('bench/score-plain-set'), params)).finally(() => session.close());
  };
  const writes: Record<string, ChunkWrite> = {
    // The SCORE step's write of a full run's chunk.
    replaceRange: (ids, from, to) => store.replaceScoresInSeqRange(rangeRun, from, to, scoresOf(ids, rangeRun)),
    // The same chunk again: the retried job's write (it must leave one score per person).
    replaceRangeAgain: (ids, from, to) => store.replaceScoresInSeqRange(rangeRun, from, to, scoresOf(ids, rangeRun)),
    // The merge write (an incremental run's chunks).
    mergeWrite: (ids) => store.writeScores(scoresOf(ids, mergeRun)),
    plainSet,
  };
  const seconds: Record<string, number> = Object.fromEntries(Object.keys(writes).map((name) => [name, 0]));
  for (let from = 0, k = 0; from < seqBound; from += chunkSize, k++) {
    const to = Math.min(seqBound, from + chunkSize);
    const ids = await store.personIdsInSeqRange(from, to);
    const names = Object.keys(writes);
    for (const name of k % 2 ? names.reverse() : names) {
      const started = performance.now();
      await writes[name]!(ids, from, to);
      seconds[name]! += (performance.now() - started) / 1000;
    }
  }
  const written = { replaceRange: await store.countScores(rangeRun), mergeWrite: await store.countScores(mergeRun) };
  if (written.replaceRange !== written.mergeWrite) throw new Error('bench/snapshot-read: a chunk written twice left two scores for a person');
  for (const runId of [rangeRun, mergeRun]) {
    for (;;) {
      const session = driver.session({ database });
      const deleted = await session
        .executeWrite((tx) => tx.run(cypher('scores/delete-batch'), { runId, limit: neo4j.int(BLOCKS_PER_WRITE) }))
        .then((result) => result.records[0]?.get('deleted') as number)
        .finally(() => session.close());
      if (!deleted) break;
    }
  }
  const session = driver.session({ database });
  await session.run(cypher('bench/score-plain-clear')).finally(() => session.close());
  return { seconds, written: written.replaceRange };
}

const samples: Record<string, unknown>[] = [];
for (let r = 0; r < runs; r++) {
  const sample = mode === 'snapshot' ? await snapshotRound() : await scoreRound(r);
  samples.push(sample);
  console.error(`run ${r + 1}/${runs}: ${JSON.stringify(sample)}`);
}

const med = (pick: (sample: Record<string, unknown>) => number | undefined) => Math.round(median(samples.map((sample) => pick(sample) ?? NaN)) * 100) / 100;
type Timed = { seconds: number; cpuSeconds: number };
/** A timed part of a round; undefined when `--parts` left it out (its median is then NaN, printed as null). */
const at = (sample: Record<string, unknown>, key: string) => sample[key] as Timed | undefined;
const written = (sample: Record<string, unknown>) => sample.seconds as Record<string, number>;
const summary =
  mode === 'snapshot'
    ? {
        snapshotSeconds: med((s) => at(s, 'snapshot')?.seconds),
        snapshotNodeCpuSeconds: med((s) => at(s, 'snapshot')?.cpuSeconds),
        snapshotCypherSeconds: med((s) => at(s, 'snapshotCypher')?.seconds),
        snapshotCypherNodeCpuSeconds: med((s) => at(s, 'snapshotCypher')?.cpuSeconds),
        plainSeconds: med((s) => at(s, 'plain')?.seconds),
        ratioSnapshotToPlain: med((s) => (at(s, 'snapshot')?.seconds ?? NaN) / (at(s, 'plain')?.seconds ?? NaN)),
        breakdown: {
          serverOnlySeconds: med((s) => at(s, 'server')?.seconds),
          streamedAndDroppedSeconds: med((s) => at(s, 'stream')?.seconds),
          streamedNodeCpuSeconds: med((s) => at(s, 'stream')?.cpuSeconds),
        },
      }
    : {
        ...Object.fromEntries(['replaceRange', 'replaceRangeAgain', 'mergeWrite', 'plainSet'].map((name) => [`${name}Seconds`, med((s) => written(s)[name]!)])),
        ratioScoreWriteToPlain: med((s) => written(s).replaceRange! / written(s).plainSet!),
        ratioMergeToScoreWrite: med((s) => written(s).mergeWrite! / written(s).replaceRange!),
      };
console.log(JSON.stringify({ bench: 'snapshot-read', mode, machine: machine(), counts, runs, summary, samples }));
await store.close();
await cypherStore.close();
await connection.close();
await dedicated?.close();
