import { describe, expect, it } from 'vitest';
import { retentionCutoffs } from '../../../src/jobs/retention/retention-cutoffs.js';
import { runRetention } from '../../../src/jobs/retention/run-retention.js';
import { historyMeasures } from '../../../src/score/dimensions/history.js';
import { loadModel } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { event, person } from '../../contract/store-contract.js';

describe('retention cutoffs', () => {
  const now = new Date('2026-11-26T02:00:00.000Z');

  it('expire exactly the events the history dimension ignores today, and access-log entries past their days', () => {
    expect(retentionCutoffs(now, { retentionYears: 7, accessLogRetentionDays: 730 })).toEqual({
      eventsBefore: '2019-11-27', // 2019-11-26 is 2557 days = 84.01 average months back
      accessLogBefore: '2024-11-26T02:00:00.000Z',
    });
  });

  it('agree with the scorecard on the boundary', async () => {
    const model = await loadModel();
    const { eventsBefore } = retentionCutoffs(now, { retentionYears: model.history.retentionYears, accessLogRetentionDays: 1 });
    const dayBefore = new Date(Date.parse(eventsBefore) - 86_400_000).toISOString().slice(0, 10);
    const counted = (at: string) => historyMeasures([event('e', 'p1', { kind: 'defaulted', at })], '2026-11-26', model).values.decayedDefaults > 0;
    expect(counted(eventsBefore)).toBe(true);
    expect(counted(dayBefore)).toBe(false);
  });
});

describe('runRetention', () => {
  it('removes what is past the cutoffs and reports the counts', async () => {
    const store = new MemoryStore();
    await store.upsertPersons([person('a'), person('b')]);
    await store.upsertEvents([event('old', 'a', { at: '2015-01-01' }), event('kept', 'a', { at: '2024-01-01' }), event('old-b', 'b', { at: '2018-05-05' })]);
    await store.appendAccessLogs([
      { personId: 'a', at: '2023-01-01T00:00:00.000Z', kind: 'score', actor: 'k', role: 'analyst' },
      { personId: 'a', at: '2026-11-01T00:00:00.000Z', kind: 'score', actor: 'k', role: 'analyst' },
    ]);
    const exportAt = (id: string, startedAt: string) =>
      store.createScoreExport({ id, runId: 'r', lineage: ['r'], format: 'csv', via: 'cli', actor: 'cli:ops', role: 'admin', purpose: 'test', startedAt, fromSeq: 0, toSeq: 1, rows: 2, status: 'complete' });
    await exportAt('exp-old', '2024-11-25T00:00:00.000Z');
    await exportAt('exp-new', '2024-11-27T00:00:00.000Z');
    const outcome = await runRetention(store, { history: { halfLifeMonths: 24, retentionYears: 7 } }, { accessLogRetentionDays: 730, now: new Date('2026-11-26T02:00:00.000Z') });
    expect(outcome.removed).toEqual({ events: 2, accessLog: 1, personsMarked: 2, scoreExports: 1 });
    expect((await store.listScoreExports(10)).map((x) => x.id)).toEqual(['exp-new']);
    expect((await store.eventsOf('a')).map((e) => e.id)).toEqual(['kept']);
    expect(await store.accessLogOf('a', 10)).toHaveLength(1);
  });
});
