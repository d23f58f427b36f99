// Issue 19, item 9 (first half): an incremental recompute fails for good only when there is no run
// to build on. An error reading the published run — Neo4j restarting — must stay retryable (a
// plain error, which BullMQ retries with backoff), not become an UnrecoverableError.
import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { processRecompute, type RecomputeDeps } from '../../../../src/jobs/bullmq/recompute-processor.js';
import type { RecomputeJobData } from '../../../../src/jobs/bullmq/job-data.js';
import { loadModel } from '../../../../src/score/index.js';
import { StoreUnavailableError } from '../../../../src/store/errors.js';
import { MemoryStore } from '../../../../src/store/memory/memory-store.js';

const model = await loadModel();

function jobOf(data: RecomputeJobData): Job<RecomputeJobData> {
  return { id: 'job-1', data, timestamp: Date.parse('2026-07-01T00:00:00Z'), updateData: async () => undefined } as unknown as Job<RecomputeJobData>;
}

const depsOf = (store: MemoryStore) => ({ store, model }) as unknown as RecomputeDeps;

describe('processRecompute, incremental', () => {
  it('retries when the store is unavailable while it looks for the base run', async () => {
    const store = new MemoryStore();
    const outage = new StoreUnavailableError('neo4j is restarting');
    store.publishedRun = () => Promise.reject(outage);
    const failure = await processRecompute(jobOf({ kind: 'incremental' } as RecomputeJobData), undefined, depsOf(store)).catch((error: unknown) => error);
    expect(failure).toBe(outage);
    expect(failure).not.toBeInstanceOf(UnrecoverableError);
  });

  it('fails for good when nothing is published to build on', async () => {
    const failure = await processRecompute(jobOf({ kind: 'incremental' } as RecomputeJobData), undefined, depsOf(new MemoryStore())).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toMatch(/needs a published run to build on/);
  });
});
