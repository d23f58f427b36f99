/**
 * Runs a recompute in this process — SNAPSHOT → PROPAGATE → SCORE → PUBLISH — with the same
 * steps the BullMQ workers run (steps.ts). Used by the embedded mode (`tiescore demo`) and tests.
 * A full run scores everyone; an incremental run scores, at its base run's as-of date, only the
 * dirty persons and those whose score they move (incremental-plan.ts). A failure marks the
 * run failed with its reason; a failed run is never published.
 */
import type { ScoreRun } from '../../domain/scores.js';
import type { NetworkResult } from '../../graph/index.js';
import type { Model } from '../../score/index.js';
import type { RecomputePorts } from './recompute-ports.js';
import { createRunRecord, failRun, incrementalBase, pruneRuns, RunFailedMeanwhileError } from './run-lifecycle.js';
import { scoreChunk, snapshotIdsOf } from './score-chunk.js';
import { mergeTallies, type ScoreTally } from './score-tally.js';
import type { Snapshot } from './snapshot-image.js';
import { memoryImagesOf, type SnapshotImages } from './snapshot-images.js';
import { completeStep, propagateStep, publishStep, rangeChunks, seqChunks, snapshotStep, timed, type RecomputeStep, type RunContext } from './steps.js';

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
  const run = await createRunRecord(store, model, base ? { kind: 'incremental', asOf: base.asOf, baseLineage: base.lineage } : { asOf: options.asOf });
  const context: RunContext = { store, model, run, base, images: options.images ?? memoryImagesOf(store), timings: {} };
  try {
    const runSnapshot = await snapshotStep(context, (done, total) => options.onProgress?.('SNAPSHOT', done, total));
    const { snapshot, ownParts } = runSnapshot;
    const { network, plan, stats, kept } = await propagateStep(context, runSnapshot);
    // Up to the seqs handed out by now, as the BullMQ runner does: persons added since SNAPSHOT are scored too.
    const chunks = plan ? seqChunks(plan.targets, options.chunkSize) : rangeChunks(await store.seqBound(), options.chunkSize);
    const tally = await timed(context.timings, 'SCORE', async () => {
      const tallies: ScoreTally[] = [];
      for (const [k, persons] of chunks.entries()) {
        const own = ownParts ? { ownParts, snapshotIds: snapshotIdsOf(snapshot.ids) } : {};
        tallies.push(await scoreChunk(store, { run, model, persons, networkOf: (seq) => network.network[seq] ?? network.prior, prior: network.prior, ...own }));
        options.onProgress?.('SCORE', k + 1, chunks.length);
      }
      return mergeTallies(tallies);
    });
    await kept;
    const complete = await completeStep(context, tally, stats);
    if (!(options.publish ?? true)) return { run: complete, snapshot, network };
    const published = await publishStep(context, complete);
    await pruneRuns(store, options.keepRuns ?? 30);
    return { run: published, snapshot, network };
  } catch (error) {
    if (!(error instanceof RunFailedMeanwhileError)) await failRun(store, run.id, error, context.timings);
    throw error;
  }
}
