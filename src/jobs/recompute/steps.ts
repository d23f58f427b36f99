/**
 * The steps of a recompute run (docs/design.md, "The batch pipeline"), for both runners — the
 * BullMQ processor (src/jobs/bullmq/recompute-processor.ts) and the inline one
 * (inline-runner.ts) — over one shared context:
 *
 *   SNAPSHOT   read the population into the kernels' snapshot (or patch the base run's image)
 *   PROPAGATE  compute the network dimension, keep the image with x, plan an incremental run
 *   SCORE      score the persons in chunks (how the chunks run is the runner's business)
 *   PUBLISH    record the run complete and make it the served run
 *
 * Each step adds its time to `context.timings`, which the run's stats carry.
 */
import type { ScoreRun } from '../../domain/scores.js';
import type { NetworkResult } from '../../graph/index.js';
import type { Model } from '../../score/index.js';
import { planEveryone, planIncremental, type IncrementalPlan } from './incremental-plan.js';
import type { RecomputePorts } from './recompute-ports.js';
import { completeRun, networkStats, publish } from './run-lifecycle.js';
import { keepRunImage, propagateRun, snapshotForRun, type RunSnapshot } from './run-snapshot.js';
import type { ChunkPersons } from './score-chunk.js';
import type { ScoreTally } from './score-tally.js';
import type { SnapshotImages } from './snapshot-images.js';

export const RECOMPUTE_STEPS = ['SNAPSHOT', 'PROPAGATE', 'SCORE', 'PUBLISH'] as const;
export type RecomputeStep = (typeof RECOMPUTE_STEPS)[number];

/** Milliseconds each finished step took, recorded in the run's stats. */
export type StepTimings = Partial<Record<RecomputeStep, number>>;

/**
 * Awaited at the start of each step of a worker's run, after the step is saved in the job and
 * before its work: the fault tests pass one that stops the worker there, so that it can be
 * killed *in* a step that takes milliseconds (test/support/paused-worker.ts).
 */
export type BeforeStep = (step: RecomputeStep, runId: string) => Promise<void>;

/** What every step of one run reads, and the timings they add to. */
export interface RunContext {
  /** The store ports the steps use (recompute-ports.ts). */
  store: RecomputePorts;
  model: Model;
  run: ScoreRun;
  /** An incremental run's base run; undefined for a full run. */
  base: ScoreRun | undefined;
  /** Where snapshot images are kept between runs. */
  images: SnapshotImages;
  /** Changed in place by the steps (a step run again after a crash adds its second time). */
  timings: StepTimings;
}

/** An incremental run's plan as the run's stats record it. */
export interface PlanStats {
  base: string;
  snapshot: RunSnapshot['source'];
  dirty: number;
  reached: number;
}

/** The stats PROPAGATE hands on to PUBLISH. */
export type PropagateStats = ReturnType<typeof networkStats> & Partial<PlanStats>;

/** Runs `work` and adds its milliseconds to `timings[step]`. */
export async function timed<T>(timings: StepTimings, step: RecomputeStep, work: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  timings[step] = Math.round(performance.now() - t0) + (timings[step] ?? 0);
  return result;
}

/** SNAPSHOT: the run's snapshot, from a full read or the base run's image patched. */
export function snapshotStep(context: RunContext, onProgress?: (done: number, total: number) => void): Promise<RunSnapshot> {
  const { store, model, run, base, images } = context;
  return timed(context.timings, 'SNAPSHOT', () => snapshotForRun(store, model, { runId: run.id, asOf: run.asOf, base, images }, onProgress ? { onProgress } : {}));
}

/**
 * PROPAGATE: the network values, an incremental run's plan, and whatever `alongside` stores of
 * them (the BullMQ runner's artifacts, `stored`). The run's image is kept meanwhile (`kept`, a
 * write of about 245 MB to Redis at 1M persons, 60 MB when it shares its base image's contacts:
 * redis-snapshot-images.ts). Neither is awaited here: SCORE does not read
 * the image, nor the artifacts when it runs in the same invocation (an incremental run's one
 * chunk), so both run beside it; the runner awaits the artifacts before chunk jobs may read them,
 * and both before the run may publish (an image written after its run is served would race the
 * next incremental run).
 */
export function propagateStep(
  context: RunContext,
  runSnapshot: RunSnapshot,
  alongside?: (network: NetworkResult, plan: IncrementalPlan | undefined) => Promise<unknown>,
): Promise<{ network: NetworkResult; plan: IncrementalPlan | undefined; stats: PropagateStats; stored: Promise<unknown>; kept: Promise<void> }> {
  const { model, run, base, images } = context;
  return timed(context.timings, 'PROPAGATE', async () => {
    const { snapshot, dirty, source } = runSnapshot;
    const network = propagateRun(runSnapshot, model);
    const { patchedFrom } = runSnapshot;
    const plan = base && dirty ? (patchedFrom ? planIncremental(patchedFrom, snapshot, network, model, dirty) : planEveryone(snapshot, dirty)) : undefined;
    // The artifacts first: on a shared Redis connection they would otherwise queue behind the
    // image (at 1M persons an incremental run's rescore list waited 1.35 s for it).
    const stored = alongside?.(network, plan) ?? Promise.resolve();
    const kept = keepRunImage(images, run.id, runSnapshot, network, plan?.targets);
    // Awaited by the runner; until then a failure must not go unhandled.
    stored.catch(() => undefined);
    kept.catch(() => undefined);
    const planStats: Partial<PlanStats> = base && plan ? { base: base.id, snapshot: source, dirty: plan.dirty, reached: plan.reached } : {};
    return { network, plan, stats: { ...networkStats(snapshot, network), ...planStats }, stored, kept };
  });
}

/** Consecutive seq ranges of a full run. */
export function rangeChunks(persons: number, size = 10_000): ChunkPersons[] {
  const chunks: ChunkPersons[] = [];
  for (let from = 0; from < persons; from += size) chunks.push({ fromSeq: from, toSeq: Math.min(persons, from + size) });
  return chunks;
}

/** Lists of at most `size` seqs (ascending) of an incremental run. */
export function seqChunks(targets: readonly number[], size = 10_000): ChunkPersons[] {
  const chunks: ChunkPersons[] = [];
  for (let k = 0; k < targets.length; k += size) chunks.push({ seqs: targets.slice(k, k + size) });
  return chunks;
}

/** After SCORE: the run recorded complete with its tally, stats and timings (not yet served). */
export function completeStep(context: RunContext, tally: ScoreTally, stats: PropagateStats | Record<string, unknown>): Promise<ScoreRun> {
  return completeRun(context.store, context.run, tally, stats, context.timings);
}

/**
 * PUBLISH: the complete run made the served one, its stats given every step's timing, and the
 * images of other runs dropped. Pruning old runs is the runner's housekeeping afterwards.
 */
export async function publishStep(context: RunContext, complete: ScoreRun): Promise<ScoreRun> {
  const published = await timed(context.timings, 'PUBLISH', () => publish(context.store, complete));
  const run = { ...published, stats: { ...published.stats, timingsMs: context.timings } };
  await context.store.updateRun(run.id, { stats: run.stats });
  await context.images.keepOnly([run.id]);
  return run;
}
