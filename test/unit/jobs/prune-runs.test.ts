import { describe, expect, it } from 'vitest';
import type { ScoreRun } from '../../../src/domain/scores.js';
import { pruneRuns } from '../../../src/jobs/recompute/run-lifecycle.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { loadModel } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { run as contractRun, person } from '../../contract/store-contract.js';

const run = (id: string, minute: number, overrides: Partial<ScoreRun> = {}): ScoreRun =>
  contractRun(id, { status: 'complete', startedAt: `2026-06-30T02:${String(minute).padStart(2, '0')}:00.000Z`, ...overrides });

describe('pruneRuns', () => {
  it('deletes the oldest runs beyond the newest `keep`, never the published run, its lineage or a running run', async () => {
    const store = new MemoryStore();
    await store.upsertPersons([person('a')]);
    // f1 ← i2 (incremental on f1, published); f0 and r3 old; f4, f5 newest.
    for (const r of [run('f0', 0), run('f1', 1), run('i2', 2, { kind: 'incremental', lineage: ['i2', 'f1'] }), run('r3', 3, { status: 'running' }), run('f4', 4), run('f5', 5)]) {
      await store.createRun(r);
    }
    await store.publishRun('i2', '2026-06-30T03:00:00.000Z');

    expect(await pruneRuns(store, 2)).toEqual(['f0']);
    expect((await store.listRuns(10)).map((r) => r.id).sort()).toEqual(['f1', 'f4', 'f5', 'i2', 'r3']);
    expect(await pruneRuns(store, 2)).toEqual([]);
  });

  it('runs after the inline runner publishes, keeping `keepRuns` runs', async () => {
    const store = new MemoryStore();
    await store.upsertPersons([person('a'), person('b')]);
    const model = await loadModel();
    const ids: string[] = [];
    for (let k = 0; k < 4; k++) {
      ids.push((await recomputeInline(store, model, { asOf: '2026-06-30', keepRuns: 2 })).run.id);
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct start instants
    }
    expect((await store.listRuns(10)).map((r) => r.id).sort()).toEqual(ids.slice(2).sort());
    expect((await store.publishedRun())?.id).toBe(ids[3]);
  });
});
