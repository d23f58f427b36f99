/**
 * The store contract: one suite every `Store` adapter must pass (memory in unit tests, Neo4j in
 * integration tests). It states the semantics the pipeline and the API rely on.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { CreditEvent, Person } from '../../src/domain/records.js';
import type { PersonScore, ScoreRun } from '../../src/domain/scores.js';
import type { Store } from '../../src/store/store.js';
import { friendshipBatchRows, transactionBatchRows } from '../support/edge-rows.js';
import { describeFindPersonsContract } from './find-persons-contract.js';

export type OpenStore = () => Promise<Store & { wipeAll?: () => Promise<void> }>;

export const person = (id: string, overrides: Partial<Person> = {}): Person => ({
  id,
  verified: true,
  accountCreated: '2020-01-15',
  incomeMonthly: 3000,
  debtMonthly: 600,
  assets: 12000.5,
  billsOnTimeRatio: 0.95,
  activityRegularity: 0.8,
  addressChanges: 1,
  birthYear: 1985,
  sex: 'F',
  ...overrides,
});

export const event = (id: string, personId: string, overrides: Partial<CreditEvent> = {}): CreditEvent => ({
  id,
  personId,
  kind: 'repaid_on_time',
  at: '2025-03-01',
  amount: 250,
  source: 'bank-a',
  status: 'active',
  ...overrides,
});

export const run = (id: string, overrides: Partial<ScoreRun> = {}): ScoreRun => ({
  id,
  kind: 'full',
  status: 'running',
  modelVersion: 'test-1',
  asOf: '2026-06-30',
  startedAt: '2026-07-01T02:00:00.000Z',
  lineage: [id],
  stats: {},
  ...overrides,
});

const score = (runId: string, personId: string, seq: number, value: number): PersonScore => ({
  runId,
  personId,
  seq,
  score: value,
  band: 'good',
  dimensions: { history: 0.5, behaviour: 0.6, capacity: 0.7, identity: 0.8, network: 0.55 },
  reasonCodes: [{ code: 'H_LATE', reason: 'Late repayments on record' }],
  modelVersion: 'test-1',
});

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store & { wipeAll?: () => Promise<void> };
    const opened: Store[] = [];

    beforeEach(async () => {
      store = await open();
      opened.push(store);
      await store.wipeAll?.();
    });
    afterAll(async () => {
      for (const s of new Set(opened)) await s.close();
    });

    describeFindPersonsContract(() => store, person);

    describe('persons', () => {
      it('gives dense seqs in insertion order and keeps them on re-upsert', async () => {
        expect(await store.upsertPersons([person('a'), person('b')])).toEqual({ created: 2, updated: 0, unchanged: 0 });
        expect(await store.upsertPersons([person('c'), person('a', { incomeMonthly: 3100 })])).toEqual({
          created: 1,
          updated: 1,
          unchanged: 0,
        });
        expect((await store.getPerson('a'))?.seq).toBe(0);
        expect((await store.getPerson('b'))?.seq).toBe(1);
        expect((await store.getPerson('c'))?.seq).toBe(2);
        expect(await store.seqBound()).toBe(3);
        expect((await store.getPerson('a'))?.incomeMonthly).toBe(3100);
      });

      it('round-trips every field, and absent optional fields stay absent', async () => {
        const full = person('full');
        const { birthYear: _b, sex: _s, ...bare } = person('bare');
        await store.upsertPersons([full, bare]);
        expect(await store.getPerson('full')).toEqual({ ...full, seq: 0 });
        const back = await store.getPerson('bare');
        expect(back).toEqual({ ...bare, seq: 1 });
        expect(back && 'birthYear' in back && back.birthYear !== undefined).toBe(false);
      });

      it('counts identical rows as unchanged', async () => {
        await store.upsertPersons([person('a'), person('b')]);
        expect(await store.upsertPersons([person('a'), person('b')])).toEqual({ created: 0, updated: 0, unchanged: 2 });
        expect((await store.counts()).persons).toBe(2);
      });

      it('answers which ids exist and lists persons by seq range', async () => {
        await store.upsertPersons(['p0', 'p1', 'p2', 'p3'].map((id) => person(id)));
        expect([...(await store.existingPersonIds(['p1', 'zz', 'p3']))].sort()).toEqual(['p1', 'p3']);
        expect((await store.personsInSeqRange(1, 3)).map((p) => p.id)).toEqual(['p1', 'p2']);
        expect((await store.personsAtSeqs([3, 0, 3, 42])).map((p) => [p.seq, p.id])).toEqual([
          [0, 'p0'],
          [3, 'p3'],
        ]);
        expect(await store.personsAtSeqs([])).toEqual([]);
        expect(await store.personsInSeqRange(10, 20)).toEqual([]);
        expect(await store.getPerson('nobody')).toBeUndefined();
      });
    });

    describe('edges', () => {
      beforeEach(async () => {
        await store.upsertPersons(['a', 'b', 'c'].map((id) => person(id)));
      });

      it('stores a friendship once whichever way round it is given', async () => {
        expect(await store.upsertFriendships([{ a: 'a', b: 'b', since: '2021-01-01', interactions: 4 }])).toEqual({
          created: 1,
          updated: 0,
          unchanged: 0,
        });
        expect(await store.upsertFriendships([{ a: 'b', b: 'a', since: '2021-01-01', interactions: 4 }])).toEqual({
          created: 0,
          updated: 0,
          unchanged: 1,
        });
        expect(await store.upsertFriendships([{ a: 'b', b: 'a', since: '2021-01-01', interactions: 9 }])).toEqual({
          created: 0,
          updated: 1,
          unchanged: 0,
        });
        const rows = (await friendshipBatchRows(store.friendshipBatches(10))).flat();
        expect(rows).toHaveLength(1);
        expect([rows[0]!.a, rows[0]!.b].sort()).toEqual([0, 1]);
        expect(rows[0]).toMatchObject({ since: '2021-01-01', interactions: 9 });
        expect((await store.counts()).friendships).toBe(1);
      });

      it('keys transactions by the ordered pair and sets (not adds) the aggregate', async () => {
        const t = { from: 'a', to: 'c', count: 3, amount: 120.5, lastAt: '2026-05-01' };
        await store.upsertTransactions([t, { ...t, from: 'c', to: 'a', count: 1 }]);
        expect(await store.upsertTransactions([t])).toEqual({ created: 0, updated: 0, unchanged: 1 });
        const rows = ((await transactionBatchRows(store.transactionBatches(1))).flat()).sort((x, y) => x.from - y.from);
        expect(rows).toEqual([
          { from: 0, to: 2, count: 3, amount: 120.5, lastAt: '2026-05-01' },
          { from: 2, to: 0, count: 1, amount: 120.5, lastAt: '2026-05-01' },
        ]);
        expect((await store.counts()).transactions).toBe(2);
      });

      it("reads the edges touching some persons, each once, as the full scan has them", async () => {
        await store.upsertPersons([person('d')]);
        await store.upsertFriendships([
          { a: 'a', b: 'b', since: '2021-01-01', interactions: 4 },
          { a: 'c', b: 'b', since: '2022-02-02', interactions: 1 },
          { a: 'c', b: 'd', since: '2023-03-03', interactions: 0 },
        ]);
        await store.upsertTransactions([
          { from: 'a', to: 'c', count: 3, amount: 120.5, lastAt: '2026-05-01' },
          { from: 'd', to: 'a', count: 1, amount: 9, lastAt: '2026-04-01' },
          { from: 'c', to: 'd', count: 2, amount: 7, lastAt: '2026-03-01' },
        ]);
        const key = (row: object) => JSON.stringify(row);
        const allFriends = (await friendshipBatchRows(store.friendshipBatches(100))).flat();
        const allPaid = (await transactionBatchRows(store.transactionBatches(100))).flat();
        // a = 0, b = 1: both ends asked for, the a–b friendship still comes once.
        const friends = await store.friendshipsTouchingSeqs([0, 1, 1]);
        expect(friends.map(key).sort()).toEqual(allFriends.filter((f) => [f.a, f.b].some((s) => s <= 1)).map(key).sort());
        expect(friends).toHaveLength(2);
        const paid = await store.transactionsTouchingSeqs([0]);
        expect(paid.map(key).sort()).toEqual(allPaid.filter((t) => t.from === 0 || t.to === 0).map(key).sort());
        expect(paid).toHaveLength(2);
        expect(await store.friendshipsTouchingSeqs([99])).toEqual([]);
        expect(await store.transactionsTouchingSeqs([])).toEqual([]);
      });

      it('streams many edges in batches of the requested size', async () => {
        const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
        await store.upsertPersons(ids.map((id) => person(id)));
        await store.upsertFriendships(ids.slice(1).map((id, i) => ({ a: ids[i]!, b: id, since: '2020-01-01', interactions: i })));
        const sizes: number[] = [];
        for await (const batch of store.friendshipBatches(7)) sizes.push(batch.a.length);
        expect(sizes.reduce((x, y) => x + y, 0)).toBe(29);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
      });
    });

    describe('events', () => {
      beforeEach(async () => {
        await store.upsertPersons([person('a'), person('b')]);
      });

      it('upserts by id, round-trips fields and groups by seq', async () => {
        const blacklisted = event('e2', 'a', { kind: 'blacklisted', at: '2024-01-01', until: '2027-01-01', source: 'court' });
        expect(await store.upsertEvents([event('e1', 'a'), blacklisted, event('e3', 'b')])).toEqual({
          created: 3,
          updated: 0,
          unchanged: 0,
        });
        expect(await store.upsertEvents([event('e1', 'a')])).toEqual({ created: 0, updated: 0, unchanged: 1 });
        expect(await store.eventsOf('a')).toEqual([event('e1', 'a'), blacklisted]);
        const grouped = await store.eventsInSeqRange(0, 2);
        expect(grouped.get(0)?.map((e) => e.id).sort()).toEqual(['e1', 'e2']);
        expect(grouped.get(1)?.map((e) => e.id)).toEqual(['e3']);
        // With their persons by seq, in one read; a person without events has none, an unknown seq is skipped.
        await store.upsertPersons([person('c')]);
        const records = await store.personsWithEventsAtSeqs([7, 2, 0, 1]);
        expect(records.map(({ person: p, events }) => [p.id, p.seq, events])).toEqual([
          ['a', 0, [event('e1', 'a'), blacklisted]],
          ['b', 1, [event('e3', 'b')]],
          ['c', 2, []],
        ]);
        expect(records[0]!.person).toEqual(await store.getPerson('a'));
        expect((await store.counts()).events).toBe(3);
      });

      it('keeps the dispute status when an event is upserted again', async () => {
        await store.upsertEvents([event('e1', 'a')]);
        await store.setEventStatus('e1', 'disputed');
        await store.upsertEvents([event('e1', 'a', { amount: 300 })]);
        expect(await store.eventsOf('a')).toEqual([event('e1', 'a', { amount: 300, status: 'disputed' })]);
      });
    });

    describe('dirty set', () => {
      it('marks persons whose record, events or edges changed, and not unchanged upserts', async () => {
        await store.upsertPersons(['a', 'b', 'c', 'd'].map((id) => person(id)));
        await store.upsertEvents([event('e1', 'a')]);
        await store.upsertFriendships([{ a: 'b', b: 'c', since: '2020-01-01', interactions: 1 }]);
        await new Promise((resolve) => setTimeout(resolve, 15));
        const mark = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 15));
        expect((await store.dirtySeqsSince(mark)).seqs).toEqual([]);

        await store.upsertPersons(['a', 'b', 'c', 'd'].map((id) => person(id)));
        await store.upsertEvents([event('e1', 'a')]);
        await store.upsertFriendships([{ a: 'c', b: 'b', since: '2020-01-01', interactions: 1 }]);
        expect((await store.dirtySeqsSince(mark)).seqs).toEqual([]);

        await store.upsertEvents([event('e1', 'a', { kind: 'defaulted' })]);
        await store.upsertTransactions([{ from: 'c', to: 'd', count: 1, amount: 5, lastAt: '2026-01-01' }]);
        expect((await store.dirtySeqsSince(mark)).seqs).toEqual([0, 2, 3]);
        expect((await store.dirtySeqsSince(mark)).linkSeqs).toEqual([2, 3]); // a's events alone changed
        await store.upsertPersons([person('b', { verified: false })]);
        expect(await store.dirtySeqsSince(mark)).toEqual({ seqs: [0, 1, 2, 3], linkSeqs: [1, 2, 3] });
      });

      it('marks the person whose event status changed', async () => {
        await store.upsertPersons([person('a'), person('b')]);
        await store.upsertEvents([event('e1', 'b')]);
        await new Promise((resolve) => setTimeout(resolve, 15));
        const mark = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 15));
        await store.setEventStatus('e1', 'removed');
        expect((await store.dirtySeqsSince(mark)).seqs).toEqual([1]);
      });
    });

    describe('runs and scores', () => {
      beforeEach(async () => {
        await store.upsertPersons(['a', 'b', 'c'].map((id) => person(id)));
      });

      it('creates, updates, lists newest first and publishes only complete runs', async () => {
        await store.createRun(run('r1'));
        await store.createRun(run('r2', { startedAt: '2026-07-02T02:00:00.000Z' }));
        await expect(store.publishRun('r1', '2026-07-01T03:00:00.000Z')).rejects.toThrow(/complete/);
        expect(await store.publishedRun()).toBeUndefined();

        await store.updateRun('r1', { status: 'complete', finishedAt: '2026-07-01T02:30:00.000Z', stats: { mean: 612.5, bands: { good: 3 } } });
        await store.publishRun('r1', '2026-07-01T03:00:00.000Z');
        const published = await store.publishedRun();
        expect(published).toMatchObject({ id: 'r1', status: 'complete', publishedAt: '2026-07-01T03:00:00.000Z', stats: { mean: 612.5, bands: { good: 3 } } });
        expect((await store.listRuns(10)).map((r) => r.id)).toEqual(['r2', 'r1']);
        expect((await store.listRuns(1)).map((r) => r.id)).toEqual(['r2']);

        await store.updateRun('r2', { status: 'complete' });
        await store.publishRun('r2', '2026-07-02T03:00:00.000Z');
        expect((await store.publishedRun())?.id).toBe('r2');
        await store.publishRun('r1', '2026-07-03T00:00:00.000Z'); // rollback
        expect((await store.publishedRun())?.id).toBe('r1');
        await expect(store.deleteRun('r1')).rejects.toThrow(/published/);
        await store.deleteRun('r2');
        expect(await store.getRun('r2')).toBeUndefined();
      });

      it('lists running runs oldest first, keeps their job, and fails a run only while it is running', async () => {
        await store.createRun(run('late', { startedAt: '2026-07-02T02:00:00.000Z', jobId: 'late', queuePrefix: 'q1' }));
        await store.createRun(run('early', { jobId: 'repeat:nightly:1', queuePrefix: 'q1' }));
        await store.createRun(run('done', { status: 'complete' }));
        const running = await store.runningRuns();
        expect(running.map((r) => r.id)).toEqual(['early', 'late']);
        expect(running[0]).toMatchObject({ jobId: 'repeat:nightly:1', queuePrefix: 'q1' });

        const failure = { finishedAt: '2026-07-02T03:00:00.000Z', failureReason: 'its job late was lost from Redis; start a new run' };
        expect(await store.failRunIfRunning('late', failure)).toBe(true);
        expect(await store.getRun('late')).toMatchObject({ status: 'failed', ...failure });
        expect(await store.failRunIfRunning('late', { ...failure, failureReason: 'again' })).toBe(false);
        expect((await store.getRun('late'))?.failureReason).toBe(failure.failureReason);
        expect(await store.failRunIfRunning('done', failure)).toBe(false);
        expect((await store.getRun('done'))?.status).toBe('complete');
        expect(await store.failRunIfRunning('missing', failure)).toBe(false);
        expect((await store.runningRuns()).map((r) => r.id)).toEqual(['early']);
      });

      it('completes a run that is running or complete, never one that failed meanwhile', async () => {
        await store.createRun(run('alive'));
        await store.createRun(run('lost'));
        const completion = { finishedAt: '2026-07-02T04:00:00.000Z', stats: { count: 3 } };
        expect(await store.completeRunUnlessFailed('alive', completion)).toBe(true);
        expect(await store.getRun('alive')).toMatchObject({ status: 'complete', ...completion });
        // A resumed PUBLISH records the complete run again.
        expect(await store.completeRunUnlessFailed('alive', { ...completion, stats: { count: 4 } })).toBe(true);
        expect((await store.getRun('alive'))?.stats).toEqual({ count: 4 });

        const failure = { finishedAt: '2026-07-02T03:30:00.000Z', failureReason: 'its job was lost from Redis' };
        expect(await store.failRunIfRunning('lost', failure)).toBe(true);
        expect(await store.completeRunUnlessFailed('lost', completion)).toBe(false);
        expect(await store.getRun('lost')).toMatchObject({ status: 'failed', ...failure });
        await expect(store.publishRun('lost', '2026-07-02T05:00:00.000Z')).rejects.toThrow(/failed/);
        expect(await store.completeRunUnlessFailed('missing', completion)).toBe(false);
      });

      it('writes a score again over the earlier one (a chunk retried), the last of repeated rows winning', async () => {
        await store.createRun(run('full1', { status: 'complete' }));
        await store.writeScores([score('full1', 'a', 0, 600), score('full1', 'b', 1, 610)]);
        await store.writeScores([score('full1', 'a', 0, 640), score('full1', 'b', 1, 611), score('full1', 'a', 0, 650)]);
        expect(await store.countScores('full1')).toBe(2);
        const full1 = (await store.getRun('full1'))!;
        expect((await store.scoresInSeqRange(full1, 0, 2)).map((s) => [s.personId, s.score])).toEqual([
          ['a', 650],
          ['b', 611],
        ]);
        expect(await store.scoreIn(full1, 'a')).toEqual(score('full1', 'a', 0, 650));
      });

      it('keeps hundreds of scores right through ranges and merges that cut across blocks, lineage and erasure', async () => {
        // Neo4j keeps a run's scores in blocks of 50 seqs: these ranges start and end inside them.
        const ids = Array.from({ length: 700 }, (_, i) => `m${String(i).padStart(3, '0')}`);
        await store.upsertPersons(ids.map((id) => person(id)));
        const seqOf = new Map<string, number>();
        for (const id of ids) seqOf.set(id, (await store.getPerson(id))!.seq);
        const scoresOf = (runId: string, from: number, to: number, value: (seq: number) => number) =>
          ids.filter((id) => seqOf.get(id)! >= from && seqOf.get(id)! < to).map((id) => score(runId, id, seqOf.get(id)!, value(seqOf.get(id)!)));
        await store.createRun(run('full1', { status: 'complete' }));
        await store.replaceScoresInSeqRange('full1', 0, 240, scoresOf('full1', 0, 240, (seq) => 300 + seq));
        await store.replaceScoresInSeqRange('full1', 240, 610, scoresOf('full1', 240, 610, (seq) => 300 + seq));
        // A retried chunk: the range again, this time without its odd seqs.
        await store.replaceScoresInSeqRange('full1', 240, 610, scoresOf('full1', 240, 610, (seq) => 1000 + seq).filter((s) => s.seq % 2 === 0));
        await store.writeScores(scoresOf('full1', 600, 703, (seq) => 2000 + seq));
        const expectedFull = (seq: number) => (seq < 240 ? 300 + seq : seq < 600 ? (seq % 2 === 0 ? 1000 + seq : undefined) : 2000 + seq);
        const full1 = (await store.getRun('full1'))!;
        const servedFull = await store.scoresInSeqRange(full1, 0, 703);
        const wanted = [...seqOf.values()].map((seq) => [seq, expectedFull(seq)] as const).filter(([, value]) => value !== undefined);
        expect(servedFull.map((s) => [s.seq, s.score])).toEqual(wanted);
        const valuesOf = async (of: ScoreRun, from: number, to: number) => [...(await store.scoreValuesInSeqRange(of, from, to))];
        const scoresAsValues = async (of: ScoreRun, from: number, to: number) => {
          const byPlace: number[] = Array.from({ length: to - from }, () => NaN);
          for (const s of await store.scoresInSeqRange(of, from, to)) byPlace[s.seq - from] = s.score;
          return byPlace;
        };
        expect(await valuesOf(full1, 0, 703)).toEqual(await scoresAsValues(full1, 0, 703));
        expect(await valuesOf(full1, 245, 255)).toEqual([245, 246, 247, 248, 249, 250, 251, 252, 253, 254].map((seq) => (seq % 2 === 0 ? 1000 + seq : NaN)));
        expect(await store.countScores('full1')).toBe(wanted.length);

        // An incremental run scores a few persons on both sides of a block edge; the rest come from full1.
        await store.createRun(run('inc1', { kind: 'incremental', status: 'complete', lineage: ['inc1', 'full1'] }));
        await store.writeScores([248, 249, 250, 251, 500].map((seq) => score('inc1', ids.find((id) => seqOf.get(id) === seq)!, seq, 5000 + seq)));
        const inc1 = (await store.getRun('inc1'))!;
        expect((await store.scoresAtSeqs(inc1, [247, 248, 250, 252, 500, 501])).map((s) => [s.seq, s.score, s.runId])).toEqual([
          [248, 5248, 'inc1'],
          [250, 5250, 'inc1'],
          [252, 1252, 'full1'],
          [500, 5500, 'inc1'],
        ]);
        const at249 = ids.find((id) => seqOf.get(id) === 249)!;
        expect((await store.scoreIn(inc1, at249))?.score).toBe(5249);
        expect((await store.scoreHistory(at249)).map((s) => [s.runId, s.score])).toEqual([['inc1', 5249]]);

        // Erasure takes a person's entry out of every run; the neighbours in their blocks stay.
        const at250 = ids.find((id) => seqOf.get(id) === 250)!;
        expect((await store.scoreHistory(at250)).map((s) => s.runId).sort()).toEqual(['full1', 'inc1']);
        expect((await store.erasePerson(at250, { idHash: 'e0'.repeat(32), at: '2026-07-02T00:00:00.000Z', requestedBy: 'k-admin', role: 'admin' }))?.scores).toBe(2);
        expect(await valuesOf(inc1, 247, 253)).toEqual([NaN, 5248, 5249, NaN, 5251, 1252]);
        expect(await valuesOf(inc1, 0, 703)).toEqual(await scoresAsValues(inc1, 0, 703));
        expect((await store.scoresInSeqRange(inc1, 248, 253)).map((s) => [s.seq, s.runId])).toEqual([
          [248, 'inc1'],
          [249, 'inc1'],
          [251, 'inc1'],
          [252, 'full1'],
        ]);
        expect(await store.countScores('inc1')).toBe(4);
        expect(await store.countScores('full1')).toBe(wanted.length - 1);
      });

      it('replaces a run\'s scores in a seq range: exactly the new ones, other runs and seqs untouched', async () => {
        await store.createRun(run('full1', { status: 'complete' }));
        await store.createRun(run('other', { status: 'complete' }));
        await store.writeScores([score('other', 'a', 0, 500), score('other', 'b', 1, 510)]);
        expect(await store.replaceScoresInSeqRange('full1', 0, 2, [score('full1', 'a', 0, 600), score('full1', 'b', 1, 610)])).toEqual([]);
        await store.replaceScoresInSeqRange('full1', 2, 3, [score('full1', 'c', 2, 620)]);
        // The first chunk again (a retried job), now without b.
        await store.replaceScoresInSeqRange('full1', 0, 2, [score('full1', 'a', 0, 640)]);
        // The second again, written after its person was erased (the chunk read them before): not written.
        await store.erasePerson('c', { idHash: 'c0'.repeat(32), at: '2026-07-02T00:00:00.000Z', requestedBy: 'k-admin', role: 'admin' });
        expect(await store.replaceScoresInSeqRange('full1', 2, 3, [score('full1', 'c', 2, 630)])).toEqual([2]); // reported as skipped
        expect(await store.countScores('full1')).toBe(1);
        const full1 = (await store.getRun('full1'))!;
        expect((await store.scoresInSeqRange(full1, 0, 3)).map((s) => [s.personId, s.score])).toEqual([['a', 640]]);
        expect(await store.scoreIn(full1, 'a')).toEqual(score('full1', 'a', 0, 640));
        expect(await store.countScores('other')).toBe(2);
        await expect(store.replaceScoresInSeqRange('full1', 0, 2, [score('full1', 'c', 2, 620)])).rejects.toThrow(/outside it or twice/);
        await expect(store.replaceScoresInSeqRange('full1', 0, 2, [score('other', 'a', 0, 620)])).rejects.toThrow(/outside it or twice/);
        expect(await store.countScores('full1')).toBe(1);
        // A merge skips and reports the erased person too, and writes the rest.
        expect(await store.writeScores([score('full1', 'c', 2, 640), score('full1', 'a', 0, 660)])).toEqual([2]);
        expect((await store.scoreIn(full1, 'a'))?.score).toBe(660);
        expect(await store.countScores('full1')).toBe(1);
      });

      it('serves scores through the lineage: newest run that scored the person wins', async () => {
        await store.createRun(run('full1', { status: 'complete' }));
        await store.writeScores([score('full1', 'a', 0, 600), score('full1', 'b', 1, 610), score('full1', 'c', 2, 620)]);
        await store.writeScores([score('full1', 'b', 1, 610)]); // idempotent
        const inc = run('inc1', { kind: 'incremental', status: 'complete', lineage: ['inc1', 'full1'], startedAt: '2026-07-02T02:00:00.000Z' });
        await store.createRun(inc);
        await store.writeScores([score('inc1', 'b', 1, 650)]);
        expect(await store.countScores('full1')).toBe(3);
        expect(await store.countScores('inc1')).toBe(1);

        expect((await store.scoreIn(inc, 'a'))?.score).toBe(600);
        expect(await store.scoreIn(inc, 'b')).toEqual(score('inc1', 'b', 1, 650));
        expect((await store.scoreIn((await store.getRun('full1'))!, 'b'))?.score).toBe(610);
        expect(await store.scoreIn(inc, 'zz')).toBeUndefined();
        expect((await store.scoresInSeqRange(inc, 0, 3)).map((s) => [s.personId, s.score])).toEqual([
          ['a', 600],
          ['b', 650],
          ['c', 620],
        ]);
        expect((await store.scoresAtSeqs(inc, [2, 1, 9])).map((s) => [s.personId, s.score])).toEqual([
          ['b', 650],
          ['c', 620],
        ]);
        expect((await store.scoreHistory('b')).map((s) => [s.runId, s.score])).toEqual([
          ['inc1', 650],
          ['full1', 610],
        ]);
        await store.deleteRun('inc1');
        expect(await store.countScores('inc1')).toBe(0);
        expect((await store.scoreHistory('b')).map((s) => s.runId)).toEqual(['full1']);
      });

      it('reads the published run with persons, their served scores and events together', async () => {
        expect(await store.publishedScoresOf(['a'])).toBeUndefined();
        await store.createRun(run('full1', { status: 'complete' }));
        await store.writeScores([score('full1', 'a', 0, 600), score('full1', 'b', 1, 610)]);
        await store.publishRun('full1', '2026-07-01T03:00:00.000Z');
        const inc = run('inc1', { kind: 'incremental', status: 'complete', lineage: ['inc1', 'full1'], startedAt: '2026-07-02T02:00:00.000Z' });
        await store.createRun(inc);
        await store.writeScores([score('inc1', 'b', 1, 650)]);
        await store.upsertEvents([event('e2', 'b', { kind: 'defaulted' }), event('e1', 'b', { until: '2026-01-01' }), event('e3', 'a')]);
        await store.setEventStatus('e2', 'disputed');
        expect((await store.publishedScoresOf(['b']))?.persons[0]?.score?.score).toBe(610);
        await store.publishRun('inc1', '2026-07-02T03:00:00.000Z');

        const read = (await store.publishedScoresOf(['b', 'a', 'c', 'zz', 'b']))!;
        expect(read.run).toEqual(await store.publishedRun());
        const expected = async (id: string) => ({ personId: id, person: await store.getPerson(id), score: await store.scoreIn(inc, id), events: await store.eventsOf(id) });
        expect(read.persons).toEqual([await expected('b'), await expected('a'), await expected('c'), await expected('zz'), await expected('b')]);
        const [b, a, c, zz] = read.persons;
        expect(b?.score?.score).toBe(650);
        expect(b?.events.map((e) => [e.id, e.status])).toEqual([
          ['e1', 'active'],
          ['e2', 'disputed'],
        ]);
        expect(a?.score?.runId).toBe('full1');
        // A person the run did not score, and an unknown id.
        expect([c?.person?.id, c?.score, c?.events]).toEqual(['c', undefined, []]);
        expect([zz?.person, zz?.score, zz?.events]).toEqual([undefined, undefined, []]);
        expect(await store.publishedScoresOf([])).toEqual({ run: read.run, persons: [] });
      });

      it('logs score reads in the same call, only those that find a served score', async () => {
        const entry = (personId: string, actor: string) => ({ personId, at: '2026-07-03T00:00:00.000Z', kind: 'score' as const, actor, role: 'analyst' as const });
        expect(await store.publishedScoresLogged([{ personId: 'a', entry: entry('a', 'k0') }])).toBeUndefined();
        expect(await store.accessLogOf('a', 10)).toEqual([]); // no run published: nothing served, nothing logged

        await store.createRun(run('full1', { status: 'complete' }));
        await store.writeScores([score('full1', 'a', 0, 600), score('full1', 'b', 1, 610)]);
        await store.publishRun('full1', '2026-07-01T03:00:00.000Z');
        const withConsent = { ...entry('a', 'k4'), role: 'consumer' as const, consentId: 'c1' };
        const read = await store.publishedScoresLogged([
          { personId: 'a', entry: entry('a', 'k1') },
          { personId: 'zz', entry: entry('zz', 'k2') },
          { personId: 'c', entry: entry('c', 'k3') },
          { personId: 'a', entry: withConsent },
        ]);
        const published = (await store.publishedRun())!;
        expect(read!.run).toEqual(published);
        // Each read as the single-purpose reads answer it (no event of these persons is disputed).
        const expected = async (id: string) => ({ personId: id, found: (await store.getPerson(id)) !== undefined, score: await store.scoreIn(published, id), disputedEventIds: [] });
        expect(read!.persons).toEqual([await expected('a'), await expected('zz'), await expected('c'), await expected('a')]);
        const logged = await store.accessLogOf('a', 10);
        expect(logged.map((e) => e.actor).sort()).toEqual(['k1', 'k4']);
        expect(logged).toContainEqual(withConsent);
        expect(await store.accessLogOf('zz', 10)).toEqual([]);
        expect(await store.accessLogOf('c', 10)).toEqual([]); // a person the run did not score
        expect(await store.publishedScoresLogged([])).toEqual({ run: read!.run, persons: [] });
      });

      it('answers a logged read with the score its reader holds only while that score stands, and lists disputed events', async () => {
        const entry = (personId: string) => ({ personId, at: '2026-07-03T00:00:00.000Z', kind: 'score' as const, actor: 'k1', role: 'analyst' as const });
        await store.createRun(run('full1', { status: 'complete' }));
        await store.writeScores([score('full1', 'a', 0, 600), score('full1', 'b', 1, 610)]);
        await store.publishRun('full1', '2026-07-01T03:00:00.000Z');
        await store.upsertEvents([event('e2', 'b', { kind: 'defaulted' }), event('e1', 'b'), event('e3', 'b')]);
        await store.setEventStatus('e3', 'disputed');
        await store.setEventStatus('e2', 'disputed');
        const served = (await store.scoreIn((await store.publishedRun())!, 'a'))!;
        const scoreOf = async (known: { runId: string; score: PersonScore }) => (await store.publishedScoresLogged([{ personId: 'a', entry: entry('a'), known }]))!.persons[0]!.score;
        // The held score stands: it is the answer (whether read again or not).
        expect(await scoreOf({ runId: 'full1', score: served })).toEqual(served);
        // Held under another run, or with a seq that is no longer the person's: read again.
        expect(await scoreOf({ runId: 'older', score: { ...served, score: 999 } })).toEqual(served);
        expect(await scoreOf({ runId: 'full1', score: { ...served, seq: 7, score: 999 } })).toEqual(served);
        const [b] = (await store.publishedScoresLogged([{ personId: 'b', entry: entry('b') }]))!.persons;
        expect(b).toMatchObject({ found: true, disputedEventIds: ['e2', 'e3'] });
        expect((await store.accessLogOf('a', 10)).length).toBe(3);
      });
    });

    describe('reports and outcomes', () => {
      it('reads every served score with its event count, protected attributes and outcome, in seq order', async () => {
        await store.upsertPersons([person('a'), person('b', { birthYear: undefined, sex: undefined }), person('c', { sex: 'M', birthYear: 1960 })]);
        await store.upsertEvents([
          event('ea1', 'a'),
          event('ea2', 'a', { kind: 'defaulted' }),
          event('ea3', 'a', { at: '2026-08-01' }), // after the run's as-of date
          event('eb1', 'b'),
          event('eb2', 'b'),
        ]);
        await store.setEventStatus('eb2', 'removed');
        await store.createRun(run('full1', { status: 'complete' }));
        await store.writeScores([score('full1', 'a', 0, 600), score('full1', 'c', 2, 620)]);
        const inc = run('inc1', { kind: 'incremental', status: 'complete', lineage: ['inc1', 'full1'], startedAt: '2026-07-02T02:00:00.000Z' });
        await store.createRun(inc);
        await store.writeScores([score('inc1', 'b', 1, 650), score('inc1', 'c', 2, 640)]);
        expect(await store.outcomesRevision()).toBeUndefined();
        expect(await store.upsertOutcomes([{ personId: 'a', defaulted: true }, { personId: 'c', defaulted: false }, { personId: 'nobody', defaulted: true }])).toEqual({
          created: 2,
          updated: 0,
          unchanged: 0,
        });

        const rows = await store.reportRowsIn(inc);
        expect(rows).toEqual([
          { personId: 'a', seq: 0, score: 600, band: 'good', dimensions: score('full1', 'a', 0, 600).dimensions, creditEvents: 2, birthYear: 1985, sex: 'F', defaulted: true },
          { personId: 'b', seq: 1, score: 650, band: 'good', dimensions: score('inc1', 'b', 1, 650).dimensions, creditEvents: 1 },
          { personId: 'c', seq: 2, score: 640, band: 'good', dimensions: score('inc1', 'c', 2, 640).dimensions, creditEvents: 0, birthYear: 1960, sex: 'M', defaulted: false },
        ]);
        expect((await store.reportRowsIn((await store.getRun('full1'))!)).map((r) => r.personId)).toEqual(['a', 'c']);
      });

      it('replaces outcomes by person and changes the revision only when something changed', async () => {
        await store.upsertPersons([person('a'), person('b')]);
        await store.upsertOutcomes([{ personId: 'a', defaulted: false }]);
        const first = await store.outcomesRevision();
        expect(first).toBeDefined();
        expect(await store.upsertOutcomes([{ personId: 'a', defaulted: false }])).toEqual({ created: 0, updated: 0, unchanged: 1 });
        expect(await store.outcomesRevision()).toBe(first);
        expect(await store.upsertOutcomes([{ personId: 'a', defaulted: true }, { personId: 'b', defaulted: false }])).toEqual({ created: 1, updated: 1, unchanged: 0 });
        const second = await store.outcomesRevision();
        expect(second).not.toBe(first);
        await store.createRun(run('r1', { status: 'complete' }));
        await store.writeScores([score('r1', 'a', 0, 600)]);
        expect((await store.reportRowsIn((await store.getRun('r1'))!))[0]?.defaulted).toBe(true);
      });
    });

    describe('safeguards', () => {
      beforeEach(async () => {
        await store.upsertPersons([person('a')]);
      });

      it('records score exports and finds those that included a person by seq range and lineage', async () => {
        await store.upsertPersons([person('b'), person('c'), person('d')]); // seqs 1, 2, 3 (a is 0)
        await store.createRun(run('base', { status: 'complete' }));
        await store.createRun(run('inc', { status: 'complete', kind: 'incremental', lineage: ['inc', 'base'] }));
        await store.writeScores([score('base', 'a', 0, 600), score('base', 'b', 1, 610), score('inc', 'c', 2, 650)]); // d: no score
        const exportOf = (id: string, startedAt: string, fromSeq: number, toSeq: number) => ({
          id, runId: 'inc', lineage: ['inc', 'base'], format: 'csv' as const, via: 'api' as const, actor: 'k1', role: 'batch' as const,
          purpose: 'decisions', startedAt, fromSeq, toSeq, rows: 0, status: 'running' as const,
        });
        await store.createScoreExport(exportOf('x1', '2026-07-02T02:00:00.000Z', 0, 3));
        await store.finishScoreExport('x1', { finishedAt: '2026-07-02T02:00:01.000Z', rows: 3, toSeq: 2, status: 'complete' });
        await store.createScoreExport(exportOf('x2', '2026-07-03T02:00:00.000Z', 2, 3));
        const ids = async (personId: string) => (await store.scoreExportsIncluding(personId, 10)).map((x) => x.id);
        expect(await ids('a')).toEqual(['x1']);
        expect(await ids('c')).toEqual(['x2', 'x1']); // newest first; scored by the incremental run
        expect(await ids('d')).toEqual([]); // in x2's range, but no run of its lineage scored d
        expect(await ids('nobody')).toEqual([]);
        expect(await store.listScoreExports(10)).toEqual([
          exportOf('x2', '2026-07-03T02:00:00.000Z', 2, 3),
          { ...exportOf('x1', '2026-07-02T02:00:00.000Z', 0, 3), finishedAt: '2026-07-02T02:00:01.000Z', rows: 3, toSeq: 2, status: 'complete' },
        ]);
        await expect(store.finishScoreExport('nope', { finishedAt: '2026-07-02T02:00:01.000Z', rows: 0, toSeq: 0, status: 'complete' })).rejects.toThrow(/not found|no score export/);
        expect(await store.deleteScoreExportsBefore('2026-07-03T00:00:00.000Z')).toBe(1);
        expect(await ids('c')).toEqual(['x2']);
      });

      it('keeps an export in the logs of those it covered after its run is deleted', async () => {
        await store.upsertPersons([person('b')]);
        await store.createRun(run('gone', { status: 'complete' }));
        await store.writeScores([score('gone', 'a', 0, 600)]);
        await store.createScoreExport({ id: 'x9', runId: 'gone', lineage: ['gone'], format: 'ndjson', via: 'cli', actor: 'cli:ops', role: 'admin', purpose: 'audit', startedAt: '2026-07-02T02:00:00.000Z', fromSeq: 0, toSeq: 0, rows: 1, status: 'complete' });
        await store.deleteRun('gone');
        expect((await store.scoreExportsIncluding('a', 10)).map((x) => x.id)).toEqual(['x9']);
        expect(await store.scoreExportsIncluding('b', 10)).toEqual([]); // outside the range
      });

      it('keeps disputes and filters them by status', async () => {
        await store.createDispute({ id: 'd1', personId: 'a', eventId: 'e1', reason: 'not mine', status: 'open', openedAt: '2026-07-01T00:00:00.000Z' });
        await store.createDispute({ id: 'd2', personId: 'a', eventId: 'e2', reason: 'paid', status: 'open', openedAt: '2026-07-02T00:00:00.000Z' });
        await store.updateDispute('d1', { status: 'upheld', resolvedAt: '2026-07-03T00:00:00.000Z', resolvedBy: 'analyst-1', note: 'verified' });
        expect((await store.listDisputes('open')).map((d) => d.id)).toEqual(['d2']);
        expect((await store.listDisputes()).map((d) => d.id)).toEqual(['d1', 'd2']);
        expect(await store.getDispute('d1')).toMatchObject({ status: 'upheld', note: 'verified', resolvedBy: 'analyst-1' });
      });

      it('keeps consents and revokes them once', async () => {
        const consent = { id: 'c1', personId: 'a', consumer: 'lender-x', purpose: 'loan', grantedAt: '2026-07-01T00:00:00.000Z', expiresAt: '2026-08-01T00:00:00.000Z' };
        await store.createConsent(consent);
        expect(await store.consentsOf('a')).toEqual([consent]);
        await store.revokeConsent('c1', '2026-07-05T00:00:00.000Z');
        await store.revokeConsent('c1', '2026-07-06T00:00:00.000Z');
        expect((await store.getConsent('c1'))?.revokedAt).toBe('2026-07-05T00:00:00.000Z');
        expect(await store.consentsOf('b')).toEqual([]);
      });

      it('appends access-log entries and reads them newest first', async () => {
        for (let i = 0; i < 3; i++) {
          await store.appendAccessLog({ personId: 'a', at: `2026-07-0${i + 1}T00:00:00.000Z`, kind: 'score', actor: `k${i}`, role: 'analyst' });
        }
        await store.appendAccessLog({ personId: 'b', at: '2026-07-09T00:00:00.000Z', kind: 'score', actor: 'k9', role: 'consumer', consentId: 'c1' });
        expect((await store.accessLogOf('a', 2)).map((e) => e.actor)).toEqual(['k2', 'k1']);
        expect(await store.accessLogOf('b', 10)).toEqual([
          { personId: 'b', at: '2026-07-09T00:00:00.000Z', kind: 'score', actor: 'k9', role: 'consumer', consentId: 'c1' },
        ]);
      });

      it('appends a batch of access-log entries at once', async () => {
        await store.appendAccessLogs([]);
        const entries = [
          { personId: 'a', at: '2026-07-01T00:00:00.000Z', kind: 'score' as const, actor: 'k1', role: 'analyst' as const },
          { personId: 'b', at: '2026-07-01T00:00:00.001Z', kind: 'network' as const, actor: 'k1', role: 'analyst' as const },
          { personId: 'a', at: '2026-07-01T00:00:00.002Z', kind: 'score' as const, actor: 'k2', role: 'consumer' as const, consentId: 'c1' },
        ];
        await store.appendAccessLogs(entries);
        expect(await store.accessLogOf('a', 10)).toEqual([entries[2], entries[0]]);
        expect(await store.accessLogOf('b', 10)).toEqual([entries[1]]);
      });

      it('records fairness-report requests and lists them newest first', async () => {
        const first = { report: 'fairness' as const, at: '2026-07-01T00:00:00.000Z', actor: 'k1', role: 'analyst' as const, cutoff: 600 };
        const second = { report: 'fairness' as const, at: '2026-07-01T00:00:01.000Z', actor: 'k2', role: 'admin' as const, cutoff: 650 };
        await store.appendReportRead(first);
        await store.appendReportRead(second);
        expect(await store.reportReads(10)).toEqual([second, first]);
        expect(await store.reportReads(1)).toEqual([second]);
      });

      it('keeps API keys by id and revokes them', async () => {
        const key = { id: 'k1', name: 'ops', role: 'admin' as const, secretHash: 'ab'.repeat(32), createdAt: '2026-07-01T00:00:00.000Z' };
        await store.createApiKey(key);
        await store.createApiKey({ ...key, id: 'k2', role: 'subject', personId: 'a', createdAt: '2026-07-02T00:00:00.000Z' });
        await expect(store.createApiKey(key)).rejects.toThrow();
        expect(await store.getApiKey('k1')).toEqual(key);
        await store.revokeApiKey('k1', '2026-07-03T00:00:00.000Z');
        expect((await store.listApiKeys()).map((k) => [k.id, k.revokedAt])).toEqual([
          ['k1', '2026-07-03T00:00:00.000Z'],
          ['k2', undefined],
        ]);
      });
    });

    describe('data-subject rights', () => {
      const at = (day: number) => `2026-07-${String(day).padStart(2, '0')}T00:00:00.000Z`;
      const record = { idHash: 'f0'.repeat(32), at: at(20), requestedBy: 'k-admin', role: 'admin' as const };

      /** a: the person; b, c: contacts (b both a friend and a payer); d: a bystander. */
      beforeEach(async () => {
        await store.upsertPersons(['a', 'b', 'c', 'd'].map((id) => person(id)));
        await store.upsertFriendships([
          { a: 'a', b: 'b', since: '2021-01-01', interactions: 3 },
          { a: 'c', b: 'd', since: '2021-01-01', interactions: 1 },
        ]);
        await store.upsertTransactions([
          { from: 'a', to: 'c', count: 4, amount: 100, lastAt: '2026-05-01' },
          { from: 'b', to: 'a', count: 2, amount: 30.5, lastAt: '2026-05-02' },
          { from: 'd', to: 'b', count: 1, amount: 7, lastAt: '2026-05-03' },
        ]);
        await store.upsertEvents([event('ea1', 'a'), event('ea2', 'a', { kind: 'defaulted', at: '2019-01-01' }), event('ed1', 'd')]);
        await store.setEventStatus('ea2', 'disputed');
        await store.createRun(run('r1', { status: 'complete' }));
        await store.writeScores([score('r1', 'a', 0, 640), score('r1', 'b', 1, 700)]);
        await store.createRun(run('r2', { status: 'complete', startedAt: '2026-07-02T02:00:00.000Z' }));
        await store.writeScores([score('r2', 'a', 0, 650)]);
        await store.createConsent({ id: 'ca', personId: 'a', consumer: 'lender-x', purpose: 'loan', grantedAt: at(1), expiresAt: at(30) });
        await store.createConsent({ id: 'cd', personId: 'd', consumer: 'lender-x', purpose: 'loan', grantedAt: at(1), expiresAt: at(30) });
        await store.createDispute({ id: 'da', personId: 'a', eventId: 'ea2', reason: 'not mine', status: 'open', openedAt: at(2) });
        await store.createDispute({ id: 'dd', personId: 'd', eventId: 'ed1', reason: 'paid', status: 'open', openedAt: at(2) });
        await store.appendAccessLogs([
          { personId: 'a', at: at(3), kind: 'score', actor: 'k1', role: 'analyst' },
          { personId: 'a', at: at(4), kind: 'export', actor: 'k2', role: 'subject' },
          { personId: 'd', at: at(4), kind: 'score', actor: 'k1', role: 'analyst' },
        ]);
        await store.createApiKey({ id: 'ka', name: 'subject-a', role: 'subject', personId: 'a', secretHash: 'ab'.repeat(32), createdAt: at(1) });
        await store.createApiKey({ id: 'kd', name: 'subject-d', role: 'subject', personId: 'd', secretHash: 'ab'.repeat(32), createdAt: at(1) });
      });

      it('reads everything about one person, contacts only as counts', async () => {
        const records = (await store.personRecords('a'))!;
        expect(records.person).toEqual({ ...person('a'), seq: 0 });
        expect(records.events).toEqual([event('ea1', 'a'), event('ea2', 'a', { kind: 'defaulted', at: '2019-01-01', status: 'disputed' })]);
        expect(records.contacts).toEqual({ contacts: 2, friendships: 1, payees: 1, paymentsMade: 4, amountPaid: 100, payers: 1, paymentsReceived: 2, amountReceived: 30.5 });
        expect(records.scores.map((s) => [s.runId, s.score])).toEqual([['r2', 650], ['r1', 640]]);
        expect(records.consents.map((c) => c.id)).toEqual(['ca']);
        expect(records.disputes.map((d) => d.id)).toEqual(['da']);
        expect(records.accessLog.map((e) => e.kind)).toEqual(['export', 'score']);
        expect(await store.personRecords('nobody')).toBeUndefined();
      });

      it('erases a person and all they own, marks former contacts changed, keeps only the record', async () => {
        await store.upsertOutcomes([{ personId: 'a', defaulted: true }]);
        const outcomesBefore = await store.outcomesRevision();
        await new Promise((resolve) => setTimeout(resolve, 15));
        const mark = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 15));
        expect(await store.erasePerson('a', record)).toEqual({
          events: 2, friendships: 1, transactions: 2, scores: 2, consents: 1, disputes: 1, accessLog: 2, apiKeys: 1, contactsMarked: 2,
        });
        expect(await store.getPerson('a')).toBeUndefined();
        expect(await store.personRecords('a')).toBeUndefined();
        expect(await store.eventsOf('a')).toEqual([]);
        expect(await store.scoreHistory('a')).toEqual([]);
        expect(await store.consentsOf('a')).toEqual([]);
        expect(await store.accessLogOf('a', 10)).toEqual([]);
        expect(await store.getApiKey('ka')).toBeUndefined();
        expect((await store.listDisputes()).map((d) => d.id)).toEqual(['dd']);
        expect(await store.counts()).toEqual({ persons: 3, friendships: 1, transactions: 1, events: 1 });
        // Their outcome went too (the reports' cache moves on).
        expect(await store.outcomesRevision()).not.toBe(outcomesBefore);
        // b and c were contacts; d was not; a's vacated seq counts too (a kept snapshot image drops a).
        expect(await store.dirtySeqsSince(mark)).toEqual({ seqs: [0, 1, 2], linkSeqs: [0, 1, 2] }); // the contacts lost a link
        // The hole stays: seqs are never reused, and the snapshot scans skip it.
        expect(await store.seqBound()).toBe(4);
        expect((await store.personsInSeqRange(0, 4)).map((p) => p.id)).toEqual(['b', 'c', 'd']);
        expect(((await transactionBatchRows(store.transactionBatches(10))).flat()).map((t) => [t.from, t.to])).toEqual([[3, 1]]);
        await store.upsertPersons([person('e')]);
        expect((await store.getPerson('e'))?.seq).toBe(4);
        // The bystander keeps everything.
        expect((await store.personRecords('d'))?.consents.map((c) => c.id)).toEqual(['cd']);
        expect(await store.getApiKey('kd')).toBeDefined();
        expect(await store.erasureRecords(10)).toEqual([record]);
        expect(await store.erasedHashes([record.idHash, '00'.repeat(32)])).toEqual(new Set([record.idHash]));
        expect(await store.erasePerson('a', record)).toBeUndefined();
        expect(await store.erasureRecords(10)).toHaveLength(1);
      });

      it('writes no score for a person erased meanwhile (a recompute racing the erasure)', async () => {
        await store.erasePerson('a', record);
        await store.writeScores([score('r2', 'a', 0, 660), score('r2', 'b', 1, 710)]);
        expect(await store.scoreHistory('a')).toEqual([]);
        expect((await store.scoreHistory('b')).map((s) => [s.runId, s.score])).toEqual([['r2', 710], ['r1', 700]]);
      });

      it('keeps one erasure salt: the first candidate wins', async () => {
        const first = await store.erasureSalt('salt-one');
        expect(await store.erasureSalt('salt-two')).toBe(first);
      });

      it('sweeps events and access-log entries older than the cutoffs, and marks their persons', async () => {
        await new Promise((resolve) => setTimeout(resolve, 15));
        const mark = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 15));
        expect(await store.sweepRetention({ eventsBefore: '2020-01-01', accessLogBefore: at(4) })).toEqual({ events: 1, accessLog: 1, personsMarked: 1 });
        expect((await store.eventsOf('a')).map((e) => e.id)).toEqual(['ea1']);
        expect((await store.accessLogOf('a', 10)).map((e) => e.at)).toEqual([at(4)]);
        expect(await store.accessLogOf('d', 10)).toHaveLength(1);
        expect((await store.dirtySeqsSince(mark)).seqs).toEqual([0]);
        expect(await store.sweepRetention({ eventsBefore: '2020-01-01', accessLogBefore: at(4) })).toEqual({ events: 0, accessLog: 0, personsMarked: 0 });
      });
    });
  });
}
