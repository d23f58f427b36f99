/**
 * The `recompute` job: walks SNAPSHOT → PROPAGATE → SCORE → PUBLISH, saving the next step in
 * the job data after each, so a run whose worker died resumes at the step it was in.
 *
 * - SNAPSHOT + PROPAGATE read the store into a CSR and compute the network dimension; the
 *   snapshot lives in memory, so a run that died in PROPAGATE redoes the snapshot. The result
 *   (network values and μ) goes to Redis as a run artifact, with a full run's own parts (every
 *   person's own dimensions and reason codes, so SCORE reads no records again), and the snapshot
 *   image with x too, so an incremental run after this one re-reads only what changed and
 *   warm-starts its propagation (run-snapshot.ts).
 * - SCORE adds one child job per person range (ids `<run>-chunk-<k>`, so adding again after a
 *   crash adds nothing) and waits for them in BullMQ's waiting-children state; any worker on
 *   any machine scores chunks. When all are done the job comes back and merges their tallies.
 *   When the persons to score fit in one chunk (an incremental run's targets, as a rule), the
 *   job scores them itself: no hand-off to a child and back.
 * - PUBLISH records the run complete with its stats and makes it the served run in one store
 *   transaction, then asks for the runs beyond RUNS_KEPT to be deleted by a `prune-runs` job.
 *
 * `deps.beforeStep`, when given, is awaited at the start of each step (the fault tests' hook).
 */
import { UnrecoverableError, WaitingChildrenError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ScoreRun } from '../../domain/scores.js';
import type { Model } from '../../score/index.js';
import type { Store } from '../../store/store.js';
import { completeRun, createRunRecord, failRun, networkStats, publish } from '../recompute/run-lifecycle.js';
import { mergeTallies, type ScoreTally } from '../recompute/score-tally.js';
import { newRunId } from '../recompute/run-id.js';
import { keepRunImage, propagateRun, snapshotForRun } from '../recompute/run-snapshot.js';
import { planIncremental } from '../recompute/incremental-plan.js';
import { incrementalBase, NoIncrementalBaseError, rangeChunks, seqChunks } from '../recompute/inline-runner.js';
import type { ChunkPersons } from '../recompute/score-chunk.js';
import type { BeforeStep, RecomputeStep } from '../recompute/steps.js';
import { scoreFromArtifacts, scoreWithNetwork } from './chunk-processor.js';
import {
  deleteArtifacts,
  hasNetworkArtifact,
  loadTargets,
  saveNetworkArtifact,
  saveOwnParts,
  saveTargets,
  type NetworkArtifact,
} from './artifacts.js';
import type { OwnPartsTable } from '../recompute/own-parts.js';
import type { ChunkJobData, RecomputeJobData, RecomputeProgress } from './job-data.js';
import { enqueuePrune, type PruneJobData } from './prune-jobs.js';
import { RedisSnapshotImages } from './redis-snapshot-images.js';
import { JOB_RETENTION, RETRIES } from './queues.js';

export interface RecomputeDeps {
  store: Store;
  model: Model;
  redis: Redis;
  prefix: string;
  chunkQueue: Queue<ChunkJobData>;
  /** Where PUBLISH asks for the runs beyond RUNS_KEPT to be deleted (prune-jobs.ts). */
  pruneQueue: Queue<PruneJobData>;
  /** Awaited at the start of each step (steps.ts); none in production. */
  beforeStep?: BeforeStep;
}

export interface RecomputeOutcome {
  runId: string;
  published: boolean;
  stats: Record<string, unknown>;
}

export async function processRecompute(job: Job<RecomputeJobData>, token: string | undefined, deps: RecomputeDeps): Promise<RecomputeOutcome> {
  const { store, model } = deps;
  const data = job.data;
  if (data.modelVersion !== undefined && data.modelVersion !== model.version) {
    throw new UnrecoverableError(`recompute: job expects model ${data.modelVersion} but this worker runs ${model.version}`);
  }
  const save = (patch: Partial<RecomputeJobData>) => {
    Object.assign(data, patch);
    return job.updateData(data);
  };
  const created = new Date(job.timestamp);
  if (data.runId === undefined) await save({ runId: newRunId(created) });
  if (data.kind === 'incremental' && data.baseRunId === undefined) {
    // Only "nothing to build on" is final; a store that cannot answer now (Neo4j restarting) is retried.
    const base = await incrementalBase(store).catch((error: unknown) => {
      throw error instanceof NoIncrementalBaseError ? new UnrecoverableError(error.message) : error;
    });
    await save({ baseRunId: base.id, asOf: base.asOf });
  }
  const base = data.baseRunId === undefined ? undefined : await store.getRun(data.baseRunId);
  if (data.baseRunId !== undefined && !base) throw new UnrecoverableError(`recompute: base run ${data.baseRunId} no longer exists`);
  if (data.asOf === undefined) await save({ asOf: created.toISOString().slice(0, 10) });
  const run = await createRunRecord(store, model, {
    id: data.runId,
    asOf: data.asOf,
    now: created,
    job: { id: job.id!, queuePrefix: deps.prefix },
    ...(base ? { kind: 'incremental' as const, baseLineage: base.lineage } : {}),
  });
  const beforeStep = deps.beforeStep ?? (() => Promise.resolve());
  const progress = (step: RecomputeStep, done: number, total: number) =>
    job.updateProgress({ step, done, total } satisfies RecomputeProgress);
  const timed = async <T>(step: RecomputeStep, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    data.timings = { ...data.timings, [step]: Math.round(performance.now() - t0) + (data.timings[step] ?? 0) };
    return result;
  };

  try {
    // A resumed SCORE step needs the artifact; if Redis lost it, the network is computed again.
    if ((data.step === 'SCORE' || data.step === 'PUBLISH') && data.chunks === undefined && !(await hasNetworkArtifact(deps.redis, deps.prefix, run.id))) {
      await save({ step: 'SNAPSHOT' });
    }
    // The network values (and own parts) when this invocation computed them; a resumed SCORE reads the artifacts.
    let computed: (NetworkArtifact & { ownParts: OwnPartsTable | undefined }) | undefined;
    if (data.step === 'SNAPSHOT' || data.step === 'PROPAGATE') {
      await beforeStep('SNAPSHOT', run.id);
      const images = new RedisSnapshotImages(deps.redis, deps.prefix, true);
      const runSnapshot = await timed('SNAPSHOT', () =>
        snapshotForRun(store, model, { runId: run.id, asOf: run.asOf, base, images }, { onProgress: (done, total) => void progress('SNAPSHOT', done, total) }),
      );
      const { snapshot, ownParts, dirty, source } = runSnapshot;
      await save({ step: 'PROPAGATE' });
      await beforeStep('PROPAGATE', run.id);
      await progress('PROPAGATE', 0, 1);
      // PROPAGATE's timing covers what follows from the network values too: the artifact, the
      // image kept with x, and an incremental run's plan (three independent writes and reads).
      const { network, plan } = await timed('PROPAGATE', async () => {
        const network = propagateRun(runSnapshot, model);
        const [, , plan] = await Promise.all([
          Promise.all([
            saveNetworkArtifact(deps.redis, deps.prefix, run.id, { network: network.network, mu: network.mu }),
            ownParts ? saveOwnParts(deps.redis, deps.prefix, run.id, ownParts) : undefined,
          ]),
          keepRunImage(images, run.id, runSnapshot, network),
          base && dirty ? planIncremental(store, base, snapshot, network, model, dirty) : undefined,
        ]);
        return { network, plan };
      });
      computed = { network: network.network, mu: network.mu, ownParts };
      let planStats = {};
      if (base && plan) {
        await saveTargets(deps.redis, deps.prefix, run.id, plan.targets);
        planStats = { base: base.id, snapshot: source, dirty: plan.dirty, reached: plan.reached, pushes: plan.pushes };
      }
      await progress('PROPAGATE', 1, 1);
      await save({ step: 'SCORE', networkStats: { ...networkStats(snapshot, network), ...planStats } });
    }
    if (data.step === 'SCORE' && data.chunks === undefined) {
      await beforeStep('SCORE', run.id);
      const targets = base ? await loadTargets(deps.redis, deps.prefix, run.id) : undefined;
      if (base && !targets) throw new Error(`recompute: the rescore list of run ${run.id} is missing`);
      const persons = targets ? seqChunks(targets, data.chunkSize) : rangeChunks(await store.seqBound(), data.chunkSize);
      const scoreStartedAt = Date.now();
      if (persons.length <= 1) {
        // One chunk's worth (an incremental run's few targets): scored here, as a chunk job would
        // — a child job would only add two queue hand-offs and no parallelism. A crash in here
        // resumes at SCORE and scores the same persons again (writes are idempotent).
        const tally = persons[0] ? await scoreInParent(deps, run, persons[0], computed) : mergeTallies([]);
        await progress('SCORE', tally.count, tally.count);
        data.timings = { ...data.timings, SCORE: Date.now() - scoreStartedAt };
        await save({ step: 'PUBLISH', networkStats: { ...data.networkStats, tally } });
      } else {
        const chunks = await addChunkJobs(job, deps.chunkQueue, run.id, persons);
        await save({ chunks, scoreStartedAt });
      }
    }
    if (data.step === 'SCORE') {
      if (token !== undefined && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
      const tallies = Object.values(await job.getChildrenValues<ScoreTally>());
      if (tallies.length !== data.chunks) {
        throw new Error(`recompute: ${tallies.length} of ${data.chunks} chunks reported back`);
      }
      const tally = mergeTallies(tallies);
      await progress('SCORE', tally.count, tally.count);
      data.timings = { ...data.timings, SCORE: Date.now() - (data.scoreStartedAt ?? Date.now()) };
      await save({ step: 'PUBLISH', networkStats: { ...data.networkStats, tally } });
    }
    if (data.step === 'PUBLISH') {
      await beforeStep('PUBLISH', run.id);
      const { tally, ...stats } = data.networkStats as Record<string, unknown> & { tally: ScoreTally };
      const t0 = performance.now();
      const complete = await completeRun(store, run, tally, stats, data.timings);
      const published = await publish(store, complete);
      data.timings = { ...data.timings, PUBLISH: Math.round(performance.now() - t0) };
      await store.updateRun(run.id, { stats: { ...published.stats, timingsMs: data.timings } });
      await deleteArtifacts(deps.redis, deps.prefix, run.id);
      await new RedisSnapshotImages(deps.redis, deps.prefix, true).keepOnly([run.id]);
      await save({ step: 'DONE' });
      await enqueuePrune(deps.pruneQueue, run.id);
      await progress('PUBLISH', 1, 1);
      return { runId: run.id, published: true, stats: { ...published.stats, timingsMs: data.timings } };
    }
    const final = await store.getRun(run.id);
    return { runId: run.id, published: final?.publishedAt !== undefined, stats: final?.stats ?? {} };
  } catch (error) {
    if (error instanceof WaitingChildrenError) throw error;
    const attemptsLeft = (job.opts.attempts ?? 1) - job.attemptsMade - 1;
    if (error instanceof UnrecoverableError || attemptsLeft <= 0) await failRun(store, run.id, error, data.timings);
    throw error;
  }
}

/** Scores one chunk of persons in the parent job, from the network values at hand or the artifact. */
async function scoreInParent(
  deps: RecomputeDeps,
  run: ScoreRun,
  persons: ChunkPersons,
  computed: (NetworkArtifact & { ownParts: OwnPartsTable | undefined }) | undefined,
): Promise<ScoreTally> {
  const [fromSeq, toSeq] = 'seqs' in persons ? [persons.seqs[0]!, persons.seqs.at(-1)! + 1] : [persons.fromSeq, persons.toSeq];
  if (!computed) return scoreFromArtifacts(deps, run, persons, fromSeq, toSeq);
  return scoreWithNetwork(deps, run, persons, fromSeq, { values: computed.network.subarray(fromSeq, toSeq), mu: computed.mu }, computed.ownParts);
}

async function addChunkJobs(parent: Job<RecomputeJobData>, chunkQueue: Queue<ChunkJobData>, runId: string, chunks: ChunkPersons[]): Promise<number> {
  const jobs = chunks.map((persons, k) => {
    const data: ChunkJobData =
      'seqs' in persons
        ? { runId, fromSeq: persons.seqs[0]!, toSeq: persons.seqs.at(-1)! + 1, seqs: [...persons.seqs] }
        : { runId, fromSeq: persons.fromSeq, toSeq: persons.toSeq };
    return {
      name: 'score-chunk',
      data,
      opts: {
        jobId: `${runId}-chunk-${k}`,
        parent: { id: parent.id!, queue: parent.queueQualifiedName },
        ...RETRIES,
        ...JOB_RETENTION,
      },
    };
  });
  await chunkQueue.addBulk(jobs);
  return jobs.length;
}
