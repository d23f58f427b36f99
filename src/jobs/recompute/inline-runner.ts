/**
 * Runs a recompute in this process — SNAPSHOT → PROPAGATE → SCORE → PUBLISH — with the same
 * step code the BullMQ workers run. Used by the embedded mode (`tiescore demo`) and tests.
 * A full run scores everyone; an incremental run scores, at its base run's as-of date, only the
 * dirty persons and those the push from them reaches (incremental-plan.ts). A failure marks the
 * run failed with its reason; a failed run is never published.
 */
import type { ScoreRun } from '../../domain/scores.js';
import type { NetworkResult } from '../../graph/propagate.js';
import type { Model } from '../../score/index.js';
import type { RecomputePorts } from './recompute-ports.js';
import { INCREMENTAL_DEFAULTS, planIncremental } from './incremental-plan.js';
import { completeRun, createRunRecord, failRun, networkStats, publish, pruneRuns } from './run-lifecycle.js';
import { scoreChunk, type ChunkPersons } from './score-chunk.js';
import { mergeTallies, type ScoreTally } from './score-tally.js';
import { keepRunImage, propagateRun, snapshotForRun } from './run-snapshot.js';
import type { Snapshot } from './snapshot-image.js';
import { memoryImagesOf, type SnapshotImages } from './snapshot-images.js';
import type { RecomputeStep, StepTimings } from './steps.js';

export interface InlineRecomputeOptions {
  /** `full` (default) or `incremental` (needs a published run to build on). */
  kind?: ScoreRun['kind'];
  /** Scoring date YYYY-MM-DD of a full run; default today (UTC). */
  asOf?: string;
  /** Persons per SCORE chunk. Default 10,000. */
  chunkSize?: number;
  /** Publish when complete. Default true. */
  publish?: boolean;
  /** Runs kept after publishing. Default 30. */
  keepRuns?: number;
  onProgress?: (step: RecomputeStep, done: number, total: number) => void;
  /** Where snapshot images are kept for the next incremental run; default in this process's memory. */
  images?: SnapshotImages;
}

export interface InlineRecomputeResult {
  run: ScoreRun;
  snapshot: Snapshot;
  network: NetworkResult;
}

export async function recomputeInline(store: RecomputePorts, model: Model, options: InlineRecomputeOptions = {}): Promise<InlineRecomputeResult> {
  const base = options.kind === 'incremental' ? await incrementalBase(store) : undefined;
  let run = await createRunRecord(store, model, base ? { kind: 'incremental', asOf: base.asOf, baseLineage: base.lineage } : { asOf: options.asOf });
  const timings: StepTimings = {};
  const timed = async <T>(step: RecomputeStep, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    timings[step] = Math.round(performance.now() - t0);
    return result;
  };
  try {
    const images = options.images ?? memoryImagesOf(store);
    const runSnapshot = await timed('SNAPSHOT', () =>
      snapshotForRun(store, model, { runId: run.id, asOf: run.asOf, base, images }, { onProgress: (done, total) => options.onProgress?.('SNAPSHOT', done, total) }),
    );
    const { snapshot, ownParts, dirty, source } = runSnapshot;
    const network = await timed('PROPAGATE', () => propagateRun(runSnapshot, model));
    await keepRunImage(images, run.id, runSnapshot, network);
    const plan = base && dirty ? await planIncremental(store, base, snapshot, network, model, dirty) : undefined;
    const chunks = plan ? seqChunks(plan.targets, options.chunkSize) : rangeChunks(snapshot.csr.nodeCount, options.chunkSize);
    const tally = await timed('SCORE', async () => {
      const tallies: ScoreTally[] = [];
      for (const [k, persons] of chunks.entries()) {
        tallies.push(await scoreChunk(store, { run, model, persons, networkOf: (seq) => network.network[seq] ?? network.mu, mu: network.mu, ...(ownParts ? { ownParts } : {}) }));
        options.onProgress?.('SCORE', k + 1, chunks.length);
      }
      return mergeTallies(tallies);
    });
    const extra = plan && base ? { base: base.id, snapshot: source, dirty: plan.dirty, reached: plan.reached, pushes: plan.pushes } : {};
    run = await completeRun(store, run, tally, { ...networkStats(snapshot, network), ...extra }, timings);
    if (options.publish ?? true) {
      run = await timed('PUBLISH', () => publish(store, run));
      await images.keepOnly([run.id]);
      run.stats = { ...run.stats, timingsMs: timings };
      await store.updateRun(run.id, { stats: run.stats });
      await pruneRuns(store, options.keepRuns ?? 30);
    }
    return { run, snapshot, network };
  } catch (error) {
    await failRun(store, run.id, error, timings);
    throw error;
  }
}

/** There is no published run an incremental run may build on (trying again will not help). */
export class NoIncrementalBaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoIncrementalBaseError';
  }
}

/**
 * The published run an incremental run builds on; throws `NoIncrementalBaseError` when there is
 * none to build on, and the store's own error (e.g. `StoreUnavailableError`) when it cannot tell.
 */
export async function incrementalBase(store: Pick<RecomputePorts, 'publishedRun'>): Promise<ScoreRun> {
  const base = await store.publishedRun();
  if (!base) throw new NoIncrementalBaseError('recompute: an incremental run needs a published run to build on; run a full recompute first');
  if (base.lineage.length >= INCREMENTAL_DEFAULTS.maxLineage) {
    throw new NoIncrementalBaseError(`recompute: the published run already builds on ${base.lineage.length - 1} runs; run a full recompute`);
  }
  return base;
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
