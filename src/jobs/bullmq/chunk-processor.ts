/**
 * A `score-chunk` job: scores the persons with seq in [fromSeq, toSeq) of a run from the
 * network artifact (and, for a full run, the own parts) its parent saved, and returns the chunk's
 * tally to the parent. Running it twice writes the same scores (the store overwrites per run and
 * person). The parent job scores a single chunk itself with the same two functions.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ScoreRun } from '../../domain/scores.js';
import type { Model } from '../../score/index.js';
import type { RecomputePorts } from '../recompute/recompute-ports.js';
import type { OwnParts } from '../recompute/own-parts.js';
import { scoreChunk, type ChunkPersons, type SnapshotIds } from '../recompute/score-chunk.js';
import type { ScoreTally } from '../recompute/score-tally.js';
import { loadNetworkSlice, loadOwnPartsSlice, loadSnapshotIdsSlice } from './artifacts.js';
import type { ChunkJobData } from './job-data.js';

export interface ChunkDeps {
  store: RecomputePorts;
  model: Model;
  redis: Redis;
  prefix: string;
}

export async function processChunk(job: Job<ChunkJobData>, deps: ChunkDeps): Promise<ScoreTally> {
  const { runId, fromSeq, toSeq } = job.data;
  const seqs = job.data.seqs;
  const run = await deps.store.getRun(runId);
  if (!run) throw new UnrecoverableError(`score-chunk: run ${runId} does not exist`);
  if (run.modelVersion !== deps.model.version) {
    throw new UnrecoverableError(`score-chunk: run ${runId} uses model ${run.modelVersion} but this worker runs ${deps.model.version}`);
  }
  return scoreFromArtifacts(deps, run, seqs ? { seqs } : { fromSeq, toSeq }, fromSeq, toSeq);
}

/**
 * Scores `persons` (all within seqs [fromSeq, toSeq)) of a run from its artifacts in Redis: the
 * network values of that range and, for a range of a full run, the own parts and person ids.
 */
export async function scoreFromArtifacts(deps: ChunkDeps, run: ScoreRun, persons: ChunkPersons, fromSeq: number, toSeq: number): Promise<ScoreTally> {
  const range = !('seqs' in persons);
  const [slice, ownParts, snapshotIds] = await Promise.all([
    loadNetworkSlice(deps.redis, deps.prefix, run.id, fromSeq, toSeq),
    range ? loadOwnPartsSlice(deps.redis, deps.prefix, run.id, deps.model, fromSeq, toSeq) : undefined,
    range ? loadSnapshotIdsSlice(deps.redis, deps.prefix, run.id, fromSeq, toSeq) : undefined,
  ]);
  if (!slice) throw new Error(`score-chunk: the network artifact of run ${run.id} is missing`);
  return scoreWithNetwork(deps, run, persons, fromSeq, slice, ownParts, snapshotIds);
}

/** Scores `persons` with the network values of seqs from `fromSeq` on (μ past their end). */
export function scoreWithNetwork(
  deps: Pick<ChunkDeps, 'store' | 'model'>,
  run: ScoreRun,
  persons: ChunkPersons,
  fromSeq: number,
  slice: { values: ArrayLike<number>; prior: number },
  ownParts: OwnParts | undefined,
  snapshotIds?: SnapshotIds,
): Promise<ScoreTally> {
  return scoreChunk(deps.store, {
    run,
    model: deps.model,
    persons,
    networkOf: (seq) => slice.values[seq - fromSeq] ?? slice.prior,
    prior: slice.prior,
    ...(ownParts ? { ownParts } : {}),
    ...(snapshotIds ? { snapshotIds } : {}),
  });
}
