/**
 * A `score-chunk` job: scores the persons with seq in [fromSeq, toSeq) of a run from the
 * network artifact (and, for a full run, the own parts) its parent saved, and returns the chunk's tally to the parent. Running it
 * twice writes the same scores (the store overwrites per run and person).
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Model } from '../../score/index.js';
import type { Store } from '../../store/store.js';
import { scoreChunk } from '../recompute/score-chunk.js';
import type { ScoreTally } from '../recompute/score-tally.js';
import { loadNetworkSlice, loadOwnPartsSlice } from './artifacts.js';
import type { ChunkJobData } from './job-data.js';

export interface ChunkDeps {
  store: Store;
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
  const [slice, ownParts] = await Promise.all([
    loadNetworkSlice(deps.redis, deps.prefix, runId, fromSeq, toSeq),
    seqs ? undefined : loadOwnPartsSlice(deps.redis, deps.prefix, runId, deps.model, fromSeq, toSeq),
  ]);
  if (!slice) throw new Error(`score-chunk: the network artifact of run ${runId} is missing`);
  return scoreChunk(deps.store, {
    run,
    model: deps.model,
    persons: seqs ? { seqs } : { fromSeq, toSeq },
    networkOf: (seq) => slice.values[seq - fromSeq] ?? slice.mu,
    mu: slice.mu,
    ...(ownParts ? { ownParts } : {}),
  });
}
