/**
 * Runs a full recompute in this process — SNAPSHOT → PROPAGATE → SCORE → PUBLISH — with the
 * same step code the BullMQ workers run. Used by the embedded mode (`tiescore demo`) and tests.
 * A failure marks the run failed with its reason; a failed run is never published.
 */
import type { ScoreRun } from '../../domain/scores.js';
import { propagateNetwork, type NetworkResult } from '../../graph/propagate.js';
import type { Model } from '../../score/index.js';
import type { Store } from '../../store/store.js';
import { completeRun, createRunRecord, failRun, networkStats, publishAndPrune } from './run-lifecycle.js';
import { scoreChunk } from './score-chunk.js';
import { mergeTallies, type ScoreTally } from './score-tally.js';
import { takeSnapshot, type Snapshot } from './snapshot.js';
import type { RecomputeStep, StepTimings } from './steps.js';

export interface InlineRecomputeOptions {
  /** Scoring date YYYY-MM-DD; default today (UTC). */
  asOf?: string;
  /** Persons per SCORE chunk. Default 10,000. */
  chunkSize?: number;
  /** Publish when complete. Default true. */
  publish?: boolean;
  /** Runs kept after publishing. Default 30. */
  keepRuns?: number;
  onProgress?: (step: RecomputeStep, done: number, total: number) => void;
}

export interface InlineRecomputeResult {
  run: ScoreRun;
  snapshot: Snapshot;
  network: NetworkResult;
}

export async function recomputeInline(store: Store, model: Model, options: InlineRecomputeOptions = {}): Promise<InlineRecomputeResult> {
  let run = await createRunRecord(store, model, { asOf: options.asOf });
  const timings: StepTimings = {};
  const timed = async <T>(step: RecomputeStep, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    timings[step] = Math.round(performance.now() - t0);
    return result;
  };
  try {
    const snapshot = await timed('SNAPSHOT', () =>
      takeSnapshot(store, model, run.asOf, { onProgress: (done, total) => options.onProgress?.('SNAPSHOT', done, total) }),
    );
    const network = await timed('PROPAGATE', () => propagateNetwork(snapshot.csr, snapshot.own, model.network, { mu: snapshot.mu }));
    const chunkSize = options.chunkSize ?? 10_000;
    const n = snapshot.csr.nodeCount;
    const tally = await timed('SCORE', async () => {
      const tallies: ScoreTally[] = [];
      for (let from = 0; from < n; from += chunkSize) {
        const to = Math.min(n, from + chunkSize);
        tallies.push(await scoreChunk(store, { run, model, fromSeq: from, toSeq: to, networkOf: (seq) => network.network[seq]!, mu: network.mu }));
        options.onProgress?.('SCORE', to, n);
      }
      return mergeTallies(tallies);
    });
    run = await completeRun(store, run, tally, networkStats(snapshot, network), timings);
    if (options.publish ?? true) {
      run = await timed('PUBLISH', () => publishAndPrune(store, run, options.keepRuns ?? 30));
      run.stats = { ...run.stats, timingsMs: timings };
      await store.updateRun(run.id, { stats: run.stats });
    }
    return { run, snapshot, network };
  } catch (error) {
    await failRun(store, run.id, error, timings);
    throw error;
  }
}
