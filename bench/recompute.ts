/**
 * Recompute benchmark: a full run over the persons already in Neo4j (load them first, e.g. with
 * bench/import.ts or `tiescore synth … && tiescore import …`), through the real BullMQ pipeline
 * with workers in this process, reporting per-step timings. Baseline in the same run: the same
 * full run by the inline runner (no queue, no Redis artifacts, one process). Then, per run, 0.1%
 * of the persons get a new default and an incremental run (BullMQ, patching the full run's
 * snapshot image kept in Redis) is timed against the full one.
 * The added events are left in the database (ids `bench-default-…`).
 *
 *   GLIBC_TUNABLES=glibc.malloc.hugetlb=1 NODE_OPTIONS=--max-semi-space-size=64 \
 *     npx tsx bench/recompute.ts --runs 3 [--concurrency 2] [--incremental-runs 1] [--no-inline]
 *
 * The workers run in this process: give it the settings workers run with (README, the compose
 * file), as above — the young generation (src/cli/young-generation.ts), or the run measures a
 * slower SCORE, and glibc's huge pages, or every array a run allocates is faulted in 4 KiB pages
 * (copying 96 MB into fresh memory took 260 ms without them here, 14 ms with them).
 *
 * `--incremental-runs K` times K incremental runs (each on the one before) after each full run;
 * `--no-inline` skips the inline baseline (to iterate on the BullMQ runs alone).
 *
 * Prints one JSON object on its last line. Leaves the runs in the database (the last one published).
 */
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { enqueueRecompute } from '../src/jobs/bullmq/enqueue.js';
import { QUEUES, recomputeQueue, redisOptions } from '../src/jobs/bullmq/queues.js';
import { startRecomputeWorkers } from '../src/jobs/bullmq/recompute-workers.js';
import { RedisSnapshotImages } from '../src/jobs/bullmq/redis-snapshot-images.js';
import { recomputeInline } from '../src/jobs/recompute/inline-runner.js';
import { loadModel } from '../src/score/index.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { machine, median, numberArg } from './lib/report.js';

const runs = numberArg('runs', 3);
const concurrency = numberArg('concurrency', 2);
const incrementalRuns = numberArg('incremental-runs', 1);
const withInline = !process.argv.includes('--no-inline');
const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-bench-${process.pid}` };
const store = await Neo4jStore.open(config);
const model = await loadModel();
const persons = (await store.counts()).persons;
const seqBound = await store.seqBound();
if (persons === 0) throw new Error('bench/recompute: the database holds no persons; import a population first');
const asOf = '2026-06-30';

const queue = recomputeQueue(config);
const queueEvents = new QueueEvents(QUEUES.recompute, { connection: redisOptions(config), prefix: config.QUEUE_PREFIX });
await queueEvents.waitUntilReady();
const workers = await startRecomputeWorkers({ config, store, model, concurrency });
const redis = new Redis(config.REDIS_URL);

type Timings = Record<string, number>;
const queued: { total: number; steps: Timings }[] = [];
const inline: { total: number; steps: Timings }[] = [];
const incremental: { total: number; steps: Timings; rescored: number; snapshot: string }[] = [];
const changed = Math.max(1, Math.round(persons / 1000));
// Another invocation on the same database picks other victims: a second default of the same
// person barely moves their score, so the run would rescore fewer persons than a real one.
const salt = process.pid;
for (let r = 0; r < runs; r++) {
  // Inline first: the BullMQ full run then publishes last, so the incremental run builds on it and
  // finds its snapshot image in Redis, as it would after a nightly run.
  let t0 = performance.now();
  if (withInline) {
    const result = await recomputeInline(store, model, { asOf });
    inline.push({ total: performance.now() - t0, steps: result.run.stats.timingsMs as Timings });
  }
  t0 = performance.now();
  const job = await enqueueRecompute(queue, model, { asOf });
  const outcome = (await job.waitUntilFinished(queueEvents)) as { stats: { timingsMs: Timings } };
  queued.push({ total: performance.now() - t0, steps: outcome.stats.timingsMs });
  console.error(`run ${r + 1}/${runs}: queued full ${(queued.at(-1)!.total / 1000).toFixed(1)} s ${JSON.stringify(queued.at(-1)!.steps)}` + (withInline ? `, inline ${(inline.at(-1)!.total / 1000).toFixed(1)} s ${JSON.stringify(inline.at(-1)!.steps)}` : ''));
  for (let k2 = 0; k2 < incrementalRuns; k2++) {
    const round = r * incrementalRuns + k2;
    // Only the victims are read: a million person objects held here would be marked by every
    // garbage collection of the workers in this process, and bill the pipeline for them.
    const seqs = [...new Set(Array.from({ length: changed }, (_, k) => (k * 7919 + (round + salt) * 104729) % seqBound))];
    const events = (await store.personsAtSeqs(seqs)).map((person, k) => ({
      id: `bench-default-${salt}-${round}-${k}`,
      personId: person.id,
      kind: 'defaulted' as const,
      at: asOf,
      amount: 1000,
      source: 'bench',
      status: 'active' as const,
    }));
    await store.upsertEvents(events);
    t0 = performance.now();
    const incJob = await enqueueRecompute(queue, model, { kind: 'incremental' });
    const incOutcome = (await incJob.waitUntilFinished(queueEvents)) as {
      stats: { timingsMs: Timings; rescored: { scored: number }; snapshot: string; iterations: number; pushes?: number };
    };
    incremental.push({ total: performance.now() - t0, steps: incOutcome.stats.timingsMs, rescored: incOutcome.stats.rescored.scored, snapshot: incOutcome.stats.snapshot });
    console.error(
      `  incremental ${k2 + 1}/${incrementalRuns} (${changed} changed, ${incremental.at(-1)!.rescored} rescored, snapshot ${incremental.at(-1)!.snapshot}, ` +
        `${incOutcome.stats.iterations} sweeps, ${incOutcome.stats.pushes ?? 0} pushes) ${(incremental.at(-1)!.total / 1000).toFixed(2)} s ${JSON.stringify(incOutcome.stats.timingsMs)}`,
    );
  }
}
await workers.close();
await queueEvents.close();
await new RedisSnapshotImages(redis, config.QUEUE_PREFIX).keepOnly([]);
redis.disconnect();
await queue.obliterate({ force: true });
await queue.close();
await store.close();

const summarise = (samples: typeof queued) => ({
  totalSeconds: Math.round(median(samples.map((s) => s.total))) / 1000,
  stepsSeconds: Object.fromEntries(['SNAPSHOT', 'PROPAGATE', 'SCORE', 'PUBLISH'].map((step) => [step, Math.round(median(samples.map((s) => s.steps[step] ?? 0))) / 1000])),
});
const q = summarise(queued);
const i = withInline ? summarise(inline) : undefined;
const inc = { ...summarise(incremental), changed, rescored: median(incremental.map((s) => s.rescored)), snapshots: incremental.map((s) => s.snapshot) };
console.log(
  JSON.stringify({
    benchmark: 'recompute',
    persons,
    runs,
    concurrency,
    machine: machine(),
    queued: q,
    inlineBaseline: i,
    ...(i ? { ratioQueuedVsInline: Math.round((q.totalSeconds / i.totalSeconds) * 100) / 100 } : {}),
    incremental: inc,
    speedupIncrementalVsFull: Math.round((q.totalSeconds / inc.totalSeconds) * 100) / 100,
  }),
);
