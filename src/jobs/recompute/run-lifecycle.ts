/**
 * The bookkeeping of a run shared by the inline runner and the BullMQ processor: create it,
 * record it complete with its stats, publish it (and prune old runs), or record its failure.
 */
import type { ScoreRun } from '../../domain/scores.js';
import type { NetworkResult } from '../../graph/propagate.js';
import type { Model } from '../../score/index.js';
import type { Store } from '../../store/store.js';
import { newRunId } from './run-id.js';
import { summariseTally, type ScoreTally } from './score-tally.js';
import type { Snapshot } from './snapshot.js';
import type { StepTimings } from './steps.js';

export interface NewRunOptions {
  id?: string;
  kind?: ScoreRun['kind'];
  /** Scoring date YYYY-MM-DD; default the start day (UTC). */
  asOf?: string;
  /** For incremental runs: the lineage of the base run. */
  baseLineage?: string[];
  /** The queued job computing the run, so a worker of that queue can tell when it was lost (run-reaper.ts). */
  job?: { id: string; queuePrefix: string };
  now?: Date;
}

export async function createRunRecord(store: Store, model: Model, options: NewRunOptions = {}): Promise<ScoreRun> {
  const started = options.now ?? new Date();
  const id = options.id ?? newRunId(started);
  const existing = await store.getRun(id);
  if (existing) return existing; // a resumed job finds the run it created
  const run: ScoreRun = {
    id,
    kind: options.kind ?? 'full',
    status: 'running',
    modelVersion: model.version,
    asOf: options.asOf ?? started.toISOString().slice(0, 10),
    startedAt: started.toISOString(),
    lineage: [id, ...(options.baseLineage ?? [])],
    stats: {},
    ...(options.job ? { jobId: options.job.id, queuePrefix: options.job.queuePrefix } : {}),
  };
  await store.createRun(run);
  return run;
}

/** Stats of the network step, kept on the run. */
export function networkStats(snapshot: Pick<Snapshot, 'persons' | 'edges'>, network: Pick<NetworkResult, 'mu' | 'iterations' | 'residual' | 'converged'>) {
  return {
    persons: snapshot.persons,
    edges: snapshot.edges,
    prior: network.mu,
    iterations: network.iterations,
    residual: network.residual,
    converged: network.converged,
  };
}

export async function completeRun(
  store: Store,
  run: ScoreRun,
  tally: ScoreTally,
  stats: Record<string, unknown>,
  timings: StepTimings,
  now: Date = new Date(),
): Promise<ScoreRun> {
  // An incremental run's tally covers only the persons it rescored, not the served population.
  const summary = run.kind === 'incremental' ? { rescored: summariseTally(tally) } : summariseTally(tally);
  const patch = {
    status: 'complete' as const,
    finishedAt: now.toISOString(),
    stats: { ...summary, ...stats, timingsMs: timings },
  };
  await store.updateRun(run.id, patch);
  return { ...run, ...patch };
}

/** Publishes a complete run and deletes the oldest runs beyond `keep` (never the published one). */
export async function publishAndPrune(store: Store, run: ScoreRun, keep: number, now: Date = new Date()): Promise<ScoreRun> {
  const publishedAt = now.toISOString();
  await store.publishRun(run.id, publishedAt);
  const runs = await store.listRuns(keep + 100);
  const protectedIds = new Set(run.lineage);
  for (const old of runs.slice(keep)) {
    if (!protectedIds.has(old.id)) await store.deleteRun(old.id);
  }
  return { ...run, publishedAt };
}

export async function failRun(store: Store, runId: string, error: unknown, timings: StepTimings, now: Date = new Date()): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await store.updateRun(runId, { status: 'failed', finishedAt: now.toISOString(), failureReason: reason, stats: { timingsMs: timings } });
}
