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
import type { RecomputePorts } from '../recompute/recompute-ports.js';
import { OwnPartsTable, type OwnParts } from '../recompute/own-parts.js';
import { newRunId } from '../recompute/run-id.js';
import { createRunRecord, failRun, incrementalBase, NoIncrementalBaseError, RunFailedMeanwhileError } from '../recompute/run-lifecycle.js';
import { snapshotIdsOf, type ChunkPersons } from '../recompute/score-chunk.js';
import { mergeTallies, type ScoreTally } from '../recompute/score-tally.js';
import {
  completeStep,
  propagateStep,
  publishStep,
  rangeChunks,
  seqChunks,
  snapshotStep,
  type BeforeStep,
  type RecomputeStep,
  type RunContext,
} from '../recompute/steps.js';
import { deleteArtifacts, hasNetworkArtifact, loadTargets, saveNetworkArtifact, saveOwnParts, saveSnapshotIds, saveTargets, type NetworkArtifact } from './artifacts.js';
import { scoreFromArtifacts, scoreWithNetwork } from './chunk-processor.js';
import type { ChunkJobData, RecomputeJobData, RecomputeProgress } from './job-data.js';
import { enqueuePrune, type PruneJobData } from './prune-jobs.js';
import { JOB_RETENTION, RETRIES } from './queues.js';
import { RedisSnapshotImages } from './redis-snapshot-images.js';

export interface RecomputeDeps {
  store: RecomputePorts;
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
  const data = job.data;
  if (data.modelVersion !== undefined && data.modelVersion !== deps.model.version) {
    throw new UnrecoverableError(`recompute: job expects model ${data.modelVersion} but this worker runs ${deps.model.version}`);
  }
  const invocation = new RecomputeJob(job, deps);
  const context = await invocation.start();
  const { run } = context;
  try {
    // A resumed SCORE step needs the artifact; if Redis lost it, the network is computed again.
    if ((data.step === 'SCORE' || data.step === 'PUBLISH') && data.chunks === undefined && !(await hasNetworkArtifact(deps.redis, deps.prefix, run.id))) {
      await invocation.save({ step: 'SNAPSHOT' });
    }
    // The network values (and own parts) when this invocation computed them; a resumed SCORE reads the artifacts.
    const computed = data.step === 'SNAPSHOT' || data.step === 'PROPAGATE' ? await invocation.snapshotAndPropagate(context) : undefined;
    if (data.step === 'SCORE' && data.chunks === undefined) await invocation.startScore(context, computed);
    // The artifacts and the image were written beside SCORE; the run waits for them before it may publish or wait for its chunks.
    await computed?.stored;
    await computed?.kept;
    if (data.step === 'SCORE') await invocation.finishScore(token);
    if (data.step === 'PUBLISH') return await invocation.publish(context);
    const final = await deps.store.getRun(run.id);
    return { runId: run.id, published: final?.publishedAt !== undefined, stats: final?.stats ?? {} };
  } catch (error) {
    if (error instanceof WaitingChildrenError) throw error;
    // Failed by the reaper while this processor computed it: keep that record, and do not retry.
    if (error instanceof RunFailedMeanwhileError) throw new UnrecoverableError(error.message);
    const attemptsLeft = (job.opts.attempts ?? 1) - job.attemptsMade - 1;
    if (error instanceof UnrecoverableError || attemptsLeft <= 0) await failRun(deps.store, run.id, error, data.timings);
    throw error;
  }
}

/** Network values this invocation computed, for SCORE in the same invocation, and its image being kept. */
type Computed = NetworkArtifact & {
  ownParts: OwnParts | undefined;
  ids: readonly (string | undefined)[];
  /** An incremental run's persons to rescore (also saved as an artifact for a resumed SCORE). */
  targets: readonly number[] | undefined;
  /** The run's artifacts being written: awaited before chunk jobs may read them, and before PUBLISH. */
  stored: Promise<unknown>;
  kept: Promise<void>;
};

/** One invocation of a recompute job: its steps, each saving the next one in the job data. */
class RecomputeJob {
  private readonly data: RecomputeJobData;
  private readonly beforeStep: BeforeStep;

  constructor(
    private readonly job: Job<RecomputeJobData>,
    private readonly deps: RecomputeDeps,
  ) {
    this.data = job.data;
    this.beforeStep = deps.beforeStep ?? (() => Promise.resolve());
  }

  save(patch: Partial<RecomputeJobData>): Promise<void> {
    Object.assign(this.data, patch);
    return this.job.updateData(this.data);
  }

  private progress(step: RecomputeStep, done: number, total: number): Promise<void> {
    return this.job.updateProgress({ step, done, total } satisfies RecomputeProgress);
  }

  /** The run's id, base and as-of date fixed in the job data on the first invocation; the run record. */
  async start(): Promise<RunContext> {
    const { job, data, deps } = this;
    const { store, model } = deps;
    const created = new Date(job.timestamp);
    if (data.runId === undefined) await this.save({ runId: newRunId(created) });
    if (data.kind === 'incremental' && data.baseRunId === undefined) {
      // Only "nothing to build on" is final; a store that cannot answer now (Neo4j restarting) is retried.
      const base = await incrementalBase(store).catch((error: unknown) => {
        throw error instanceof NoIncrementalBaseError ? new UnrecoverableError(error.message) : error;
      });
      await this.save({ baseRunId: base.id, asOf: base.asOf });
    }
    const base = data.baseRunId === undefined ? undefined : await store.getRun(data.baseRunId);
    if (data.baseRunId !== undefined && !base) throw new UnrecoverableError(`recompute: base run ${data.baseRunId} no longer exists`);
    if (data.asOf === undefined) await this.save({ asOf: created.toISOString().slice(0, 10) });
    const run = await createRunRecord(store, model, {
      id: data.runId,
      asOf: data.asOf,
      now: created,
      job: { id: job.id!, queuePrefix: deps.prefix },
      ...(base ? { kind: 'incremental' as const, baseLineage: base.lineage } : {}),
    });
    return { store, model, run, base, images: new RedisSnapshotImages(deps.redis, deps.prefix, true), timings: data.timings };
  }

  /** SNAPSHOT and PROPAGATE (a snapshot lives in memory, so a run that died in PROPAGATE redoes both). */
  async snapshotAndPropagate(context: RunContext): Promise<Computed> {
    const { redis, prefix } = this.deps;
    const { run, base } = context;
    await this.beforeStep('SNAPSHOT', run.id);
    const runSnapshot = await snapshotStep(context, (done, total) => void this.progress('SNAPSHOT', done, total));
    const { ownParts } = runSnapshot;
    // Chunk jobs on other workers read a full read's own parts (a whole table) and ids from
    // Redis; a patched image's own parts (`PatchedOwnParts`) serve only this invocation's SCORE
    // (an incremental run's one chunk).
    const shared = ownParts instanceof OwnPartsTable ? ownParts : undefined;
    const { ids } = runSnapshot.snapshot;
    await this.save({ step: 'PROPAGATE' });
    await this.beforeStep('PROPAGATE', run.id);
    await this.progress('PROPAGATE', 0, 1);
    // Sent in this order on one connection: a resumed SCORE that finds the network artifact
    // (hasNetworkArtifact) finds the others too.
    const { network, plan, stats, stored, kept } = await propagateStep(context, runSnapshot, (network, plan) =>
      Promise.all([
        base && plan ? saveTargets(redis, prefix, run.id, plan.targets) : undefined,
        shared ? saveOwnParts(redis, prefix, run.id, shared) : undefined,
        shared ? saveSnapshotIds(redis, prefix, run.id, ids, this.data.chunkSize) : undefined,
        saveNetworkArtifact(redis, prefix, run.id, { network: network.network, prior: network.prior }),
      ]),
    );
    await this.progress('PROPAGATE', 1, 1);
    await this.save({ step: 'SCORE', networkStats: stats });
    return { network: network.network, prior: network.prior, ownParts, ids, targets: plan?.targets, stored, kept };
  }

  /**
   * SCORE, first part: one child job per chunk of persons — or, when they fit in one chunk (an
   * incremental run's few targets, as a rule), scored here as a chunk job would: a child would
   * only add two queue hand-offs and no parallelism. A crash in here resumes at SCORE and scores
   * the same persons again (writes are idempotent).
   */
  async startScore(context: RunContext, computed: Computed | undefined): Promise<void> {
    const { redis, prefix, store } = this.deps;
    const { run, base } = context;
    await this.beforeStep('SCORE', run.id);
    // The list at hand when this invocation planned it: read back, it would wait behind the image's write.
    const targets = base ? (computed?.targets ?? (await loadTargets(redis, prefix, run.id))) : undefined;
    if (base && !targets) throw new Error(`recompute: the rescore list of run ${run.id} is missing`);
    const persons = targets ? seqChunks(targets, this.data.chunkSize) : rangeChunks(await store.seqBound(), this.data.chunkSize);
    const scoreStartedAt = Date.now();
    if (persons.length <= 1) {
      const tally = persons[0] ? await scoreInParent(this.deps, run, persons[0], computed) : mergeTallies([]);
      await this.finishedScore(tally, scoreStartedAt);
    } else {
      await computed?.stored; // the chunk jobs read them
      const chunks = await addChunkJobs(this.job, this.deps.chunkQueue, run.id, persons);
      await this.save({ chunks, scoreStartedAt });
    }
  }

  /** SCORE, second part: waits for the children in BullMQ's waiting-children state, then merges their tallies. */
  async finishScore(token: string | undefined): Promise<void> {
    const { job, data } = this;
    if (token !== undefined && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    const tallies = Object.values(await job.getChildrenValues<ScoreTally>());
    if (tallies.length !== data.chunks) throw new Error(`recompute: ${tallies.length} of ${data.chunks} chunks reported back`);
    await this.finishedScore(mergeTallies(tallies), data.scoreStartedAt ?? Date.now());
  }

  private async finishedScore(tally: ScoreTally, startedAt: number): Promise<void> {
    await this.progress('SCORE', tally.count, tally.count);
    this.data.timings.SCORE = Date.now() - startedAt; // wall time: it spans the children's work
    await this.save({ step: 'PUBLISH', networkStats: { ...this.data.networkStats!, tally } });
  }

  /** PUBLISH, then the run's artifacts dropped and the runs beyond RUNS_KEPT handed to a prune job. */
  async publish(context: RunContext): Promise<RecomputeOutcome> {
    const { redis, prefix, pruneQueue } = this.deps;
    await this.beforeStep('PUBLISH', context.run.id);
    const carried = this.data.networkStats;
    if (!carried?.tally) throw new Error(`recompute: run ${context.run.id} reached PUBLISH without its SCORE tally`);
    const { tally, ...stats } = carried;
    const complete = await completeStep(context, tally, stats);
    const published = await publishStep(context, complete);
    await deleteArtifacts(redis, prefix, published.id);
    await this.save({ step: 'DONE' });
    await enqueuePrune(pruneQueue, published.id);
    await this.progress('PUBLISH', 1, 1);
    return { runId: published.id, published: true, stats: published.stats };
  }
}

/** Scores one chunk of persons in the parent job, from the network values at hand or the artifact. */
async function scoreInParent(
  deps: RecomputeDeps,
  run: ScoreRun,
  persons: ChunkPersons,
  computed: Computed | undefined,
): Promise<ScoreTally> {
  const [fromSeq, toSeq] = 'seqs' in persons ? [persons.seqs[0]!, persons.seqs.at(-1)! + 1] : [persons.fromSeq, persons.toSeq];
  if (!computed) return scoreFromArtifacts(deps, run, persons, fromSeq, toSeq);
  const slice = { values: computed.network.subarray(fromSeq, toSeq), prior: computed.prior };
  return scoreWithNetwork(deps, run, persons, fromSeq, slice, computed.ownParts, snapshotIdsOf(computed.ids));
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
