import { describe, expect, it } from 'vitest';
import { recomputeInline } from '../../../../src/jobs/recompute/inline-runner.js';
import { loadModel, scorePerson } from '../../../../src/score/index.js';
import { MemoryStore } from '../../../../src/store/memory/memory-store.js';
import { event, person } from '../../../contract/store-contract.js';

async function population() {
  const store = new MemoryStore();
  await store.upsertPersons([
    person('a'),
    person('b', { billsOnTimeRatio: 0.4 }),
    person('c', { verified: false, accountCreated: '2026-06-01' }),
    person('loner', { incomeMonthly: 900 }),
  ]);
  await store.upsertFriendships([
    { a: 'a', b: 'b', since: '2022-01-01', interactions: 30 },
    { a: 'b', b: 'c', since: '2025-01-01', interactions: 2 },
  ]);
  await store.upsertTransactions([{ from: 'a', to: 'c', count: 5, amount: 400, lastAt: '2026-06-01' }]);
  await store.upsertEvents([event('e1', 'a'), event('e2', 'b', { kind: 'defaulted', at: '2025-06-01' })]);
  return store;
}

describe('recomputeInline', () => {
  it('scores everyone once, publishes the run and records its stats', async () => {
    const store = await population();
    const model = await loadModel();
    const { run, network, snapshot } = await recomputeInline(store, model, { asOf: '2026-06-30', chunkSize: 3 });

    expect((await store.publishedRun())?.id).toBe(run.id);
    expect(await store.countScores(run.id)).toBe(4);
    expect(run.stats).toMatchObject({ scored: 4, persons: 4, edges: { friendships: 2, transactions: 1 }, converged: true });
    expect(Object.keys(run.stats.timingsMs as object)).toEqual(['SNAPSHOT', 'PROPAGATE', 'SCORE', 'PUBLISH']);

    // The isolated person gets exactly the prior; every stored score equals the scorecard's.
    const loner = (await store.getPerson('loner'))!;
    expect(network.network[loner.seq]).toBe(network.mu);
    for (const id of ['a', 'b', 'c', 'loner']) {
      const stored = (await store.scoreIn(run, id))!;
      const p = (await store.getPerson(id))!;
      const expected = scorePerson({ person: p, events: await store.eventsOf(id), asOf: '2026-06-30', model, network: network.network[p.seq]!, networkPrior: network.mu });
      expect(stored.score).toBe(expected.score);
      expect(stored.dimensions).toEqual(expected.dimensions);
    }
    // The prior counts the verified persons only (c is not).
    const verified = ['a', 'b', 'loner'].map((id) => snapshot.own[snapshot.ids.indexOf(id)]!);
    expect(snapshot.mu).toBeCloseTo(verified.reduce((x, y) => x + y, 0) / 3, 12);
  });

  it('scores a person added after SNAPSHOT, as the BullMQ runner does (at the prior network value)', async () => {
    const store = await population();
    const model = await loadModel();
    let added: Promise<void> | undefined;
    const onProgress = (step: string, done: number, total: number) => {
      if (step === 'SNAPSHOT' && done === total) added ??= store.upsertPersons([person('late')]).then(() => undefined);
    };
    const { run, snapshot, network } = await recomputeInline(store, model, { asOf: '2026-06-30', chunkSize: 3, onProgress });
    await added;
    expect(snapshot.ids).not.toContain('late');
    expect((await store.scoreIn(run, 'late'))?.dimensions.network).toBeCloseTo(network.prior, 6);
    expect(run.stats?.scored).toBe(5);
  });

  it('marks a failing run failed with its reason and never publishes it', async () => {
    const store = await population();
    const model = await loadModel();
    const broken = { ...model, network: { ...model.network, alpha: 1.5 } };
    await expect(recomputeInline(store, broken, { asOf: '2026-06-30' })).rejects.toThrow(/alpha/);
    const [run] = await store.listRuns(1);
    expect(run).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/alpha/) });
    expect(await store.publishedRun()).toBeUndefined();
  });
});
