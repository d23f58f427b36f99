/**
 * The bookkeeping of a run shared by the inline runner and the BullMQ processor: find an
 * incremental run's base, create the run, record it complete with its stats, publish it (and
 * prune old runs), or record its failure.
 */
import type { ScoreRun } from '../../domain/scores.js';
import type { NetworkResult } from '../../graph/index.js';
import type { Model } from '../../score/index.js';
import { INCREMENTAL_DEFAULTS } from './incremental-plan.js';
import type { RunRecordPorts } from './recompute-ports.js';
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

export async function createRunRecord(store: RunRecordPorts, model: Model, options: NewRunOptions = {}): Promise<ScoreRun> {
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
export function networkStats(snapshot: Pick<Snapshot, 'persons' | 'edges'>, network: Pick<NetworkResult, 'mu' | 'iterations' | 'pushes' | 'residual' | 'converged'>) {
  return {
    persons: snapshot.persons,
    edges: snapshot.edges,
    prior: network.mu,
    iterations: network.iterations,
    pushes: network.pushes,
    residual: network.residual,
    converged: network.converged,
  };
}

export async function completeRun(
  store: RunRecordPorts,
  run: ScoreRun,
  tally: ScoreTally,
  stats: Record<string, unknown>,
  timings: StepTimings,
  now: Date = new Date(),
): Promise<ScoreRun> {
  // An incremental run's tally covers only the persons it rescored, not the served population.
  const summary = run.kind === 'incremental' ? { rescored: summariseTally(tally) } : summariseTally(tally);
  const completion = { finishedAt: now.toISOString(), stats: { ...summary, ...stats, timingsMs: timings } };
  if (!(await store.completeRunUnlessFailed(run.id, completion))) throw new RunFailedMeanwhileError(run.id);
  return { ...run, status: 'complete', ...completion };
}

/**
 * The run was recorded failed while it was being computed (the run reaper found its job lost)
 * or is gone: it is neither completed nor published, and trying again will not help.
 */
export class RunFailedMeanwhileError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} was recorded failed (or deleted) while it was computed: it is neither completed nor published; start a new run`);
    this.name = 'RunFailedMeanwhileError';
  }
}

/** Makes a complete run the served one. */
export async function publish(store: RunRecordPorts, run: ScoreRun, now: Date = new Date()): Promise<ScoreRun> {
  const publishedAt = now.toISOString();
  await store.publishRun(run.id, publishedAt);
  return { ...run, publishedAt };
}

/**
 * Deletes the oldest runs beyond the newest `keep`, never the published run or a run its scores
 * are served from (its lineage). Housekeeping after a publish, not part of it: deleting an old
 * full run's scores takes seconds per 100k persons, and nothing served waits for it.
 * Returns the ids deleted.
 */
export async function pruneRuns(store: RunRecordPorts, keep: number): Promise<string[]> {
  const published = await store.publishedRun();
  const protectedIds = new Set(published?.lineage ?? []);
  const deleted: string[] = [];
  for (const old of (await store.listRuns(keep + 100)).slice(keep)) {
    if (protectedIds.has(old.id) || old.status === 'running') continue;
    await store.deleteRun(old.id);
    deleted.push(old.id);
  }
  return deleted;
}

export async function failRun(store: RunRecordPorts, runId: string, error: unknown, timings: StepTimings, now: Date = new Date()): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await store.updateRun(runId, { status: 'failed', finishedAt: now.toISOString(), failureReason: reason, stats: { timingsMs: timings } });
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
export async function incrementalBase(store: Pick<RunRecordPorts, 'publishedRun'>): Promise<ScoreRun> {
  const base = await store.publishedRun();
  if (!base) throw new NoIncrementalBaseError('recompute: an incremental run needs a published run to build on; run a full recompute first');
  if (base.lineage.length >= INCREMENTAL_DEFAULTS.maxLineage) {
    throw new NoIncrementalBaseError(`recompute: the published run already builds on ${base.lineage.length - 1} runs; run a full recompute`);
  }
  return base;
}
