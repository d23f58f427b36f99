// The Neo4j store adapter against the real Neo4j: persons and edges read back over Bolt, seq
// allocation, idempotent re-imports, undirected friendships, event status kept on update,
// atomic publication and lineage lookups. It wipes the database: only the marked test Neo4j.
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { CreditEvent, Friendship, Person } from '../../src/domain/records.js';
import type { PersonScore, ScoreRun } from '../../src/domain/scores.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j-runner.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { SCORE_BLOCK_SIZE } from '../../src/store/neo4j/score-blocks.js';
import { NotFoundError, StoreUnavailableError } from '../../src/store/errors.js';
import type { SeqFriendship } from '../../src/store/store.js';
import { openMigratedStore } from '../support/migrated-store.js';
import { friendshipBatchRows, transactionBatchRows } from '../support/edge-rows.js';

const config = loadConfig();

const person = (id: string, overrides: Partial<Person> = {}): Person => ({
  id,
  verified: true,
  accountCreated: '2020-01-15',
  incomeMonthly: 3200,
  debtMonthly: 450.5,
  assets: 12000,
  billsOnTimeRatio: 0.95,
  activityRegularity: 0.75,
  addressChanges: 1,
  ...overrides,
});

const friendship = (a: string, b: string, interactions = 3): Friendship => ({ a, b, since: '2021-06-01', interactions });

const event = (id: string, personId: string, overrides: Partial<CreditEvent> = {}): CreditEvent => ({
  id,
  personId,
  kind: 'repaid_late',
  at: '2024-03-10',
  amount: 800,
  source: 'bank-a',
  status: 'active',
  ...overrides,
});

const run = (id: string, overrides: Partial<ScoreRun> = {}): ScoreRun => ({
  id,
  kind: 'full',
  status: 'complete',
  modelVersion: 'default-1',
  asOf: '2026-01-01',
  startedAt: '2026-01-01T02:00:00.000Z',
  lineage: [id],
  stats: { persons: 3, bands: { good: 2, poor: 1 } },
  ...overrides,
});

const score = (runId: string, personId: string, seq: number, value: number): PersonScore => ({
  runId,
  personId,
  seq,
  score: value,
  band: value >= 600 ? 'good' : 'poor',
  dimensions: { history: 0.5, behaviour: 0.6, capacity: 0.7, identity: 0.8, network: 0.45 },
  reasonCodes: [{ code: 'H01', reason: 'Late repayments' }],
  modelVersion: 'default-1',
});


describe('Neo4jStore over Bolt', () => {
  let store: Neo4jStore;

  beforeAll(async () => {
    store = await openMigratedStore(config, { wipe: false });
  });
  beforeEach(() => store.wipeAll());
  afterAll(async () => {
    await store?.wipeAll();
    await store?.close();
  });

  it('upserts persons and a FRIEND edge and reads them back', async () => {
    const alice = person('alice', { birthYear: 1990, sex: 'F' });
    const bob = person('bob');
    expect(await store.upsertPersons([alice, bob])).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await store.upsertFriendships([friendship('bob', 'alice', 7)])).toEqual({ created: 1, updated: 0, unchanged: 0 });

    expect(await store.getPerson('alice')).toEqual({ ...alice, seq: 0 });
    const storedBob = await store.getPerson('bob');
    expect(storedBob).toEqual({ ...bob, seq: 1 });
    expect(storedBob).not.toHaveProperty('birthYear');
    expect(storedBob).not.toHaveProperty('sex');
    expect(await store.getPerson('carol')).toBeUndefined();
    expect(await store.counts()).toEqual({ persons: 2, friendships: 1, transactions: 0, events: 0 });
    expect(await friendshipBatchRows(store.friendshipBatches(10))).toEqual([[{ a: 0, b: 1, since: '2021-06-01', interactions: 7 }]]);
  });

  it('stores unknown attributes as unknown: absent properties, read back absent, forgotten on re-import', async () => {
    const onlyId: Person = { id: 'dora' };
    const some: Person = { id: 'emil', verified: false, incomeMonthly: 2100 };
    expect(await store.upsertPersons([onlyId, some])).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await store.getPerson('dora')).toEqual({ id: 'dora', seq: 0 });
    expect(await store.getPerson('emil')).toEqual({ id: 'emil', seq: 1, verified: false, incomeMonthly: 2100 });
    expect((await store.personsWithEventsInSeqRange(0, 2)).map((row) => row.person)).toEqual([
      { id: 'dora', seq: 0 },
      { id: 'emil', seq: 1, verified: false, incomeMonthly: 2100 },
    ]);
    // The same record again changes nothing; the income now unknown removes the property.
    expect(await store.upsertPersons([onlyId, some])).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await store.upsertPersons([{ id: 'emil', verified: false }])).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await store.getPerson('emil')).toEqual({ id: 'emil', seq: 1, verified: false });
  });

  it('hands out dense seqs in insertion order and keeps them on re-upsert', async () => {
    await store.upsertPersons([person('p2'), person('p0'), person('p1')]);
    await store.upsertPersons([person('p0', { assets: 1 }), person('p3'), person('p4')]);
    const persons = await store.personsInSeqRange(0, 10);
    expect(persons.map((p) => [p.id, p.seq])).toEqual([
      ['p2', 0],
      ['p0', 1],
      ['p1', 2],
      ['p3', 3],
      ['p4', 4],
    ]);
    expect(await store.seqBound()).toBe(5);
    expect((await store.personsInSeqRange(1, 3)).map((p) => p.id)).toEqual(['p0', 'p1']);
    expect(await store.existingPersonIds(['p3', 'nobody', 'p0'])).toEqual(new Set(['p3', 'p0']));
  });

  it('gives concurrent imports distinct consecutive seqs', async () => {
    const batches = Array.from({ length: 4 }, (_, b) => Array.from({ length: 250 }, (_, i) => person(`c${b}-${i}`)));
    await Promise.all(batches.map((batch) => store.upsertPersons(batch)));
    const persons = await store.personsInSeqRange(0, 2000);
    expect(persons.map((p) => p.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    // Each batch got one consecutive block, in batch order.
    for (const batch of batches) {
      const seqs = batch.map((p) => persons.find((q) => q.id === p.id)?.seq ?? -1);
      expect(seqs).toEqual(Array.from({ length: 250 }, (_, i) => (seqs[0] ?? 0) + i));
    }
  });

  it('counts created, updated and unchanged exactly, and a second import changes nothing', async () => {
    const persons = [person('a'), person('b', { sex: 'M' }), person('c')];
    const friends = [friendship('a', 'b'), friendship('b', 'c')];
    const payments = [{ from: 'a', to: 'c', count: 2, amount: 55.5, lastAt: '2025-12-01' }];
    const events = [event('e1', 'a'), event('e2', 'c', { kind: 'blacklisted', until: '2027-01-01' })];
    await store.upsertPersons(persons);
    await store.upsertFriendships(friends);
    await store.upsertTransactions(payments);
    await store.upsertEvents(events);

    const mark = new Date(Date.now() + 5).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const unchanged = (n: number) => ({ created: 0, updated: 0, unchanged: n });
    expect(await store.upsertPersons(persons)).toEqual(unchanged(3));
    expect(await store.upsertFriendships(friends)).toEqual(unchanged(2));
    expect(await store.upsertTransactions(payments)).toEqual(unchanged(1));
    expect(await store.upsertEvents(events)).toEqual(unchanged(2));
    expect((await store.dirtySeqsSince(mark)).seqs).toEqual([]);

    // A removed optional field is a change; so is any value.
    expect(await store.upsertPersons([person('b'), person('c', { assets: 1 }), person('d')])).toEqual({
      created: 1,
      updated: 2,
      unchanged: 0,
    });
    expect(await store.getPerson('b')).not.toHaveProperty('sex');
    expect((await store.dirtySeqsSince(mark)).seqs).toEqual([1, 2, 3]);
  });

  it('marks both ends of a changed edge and the owner of a changed event dirty', async () => {
    await store.upsertPersons(['a', 'b', 'c', 'd', 'e'].map((id) => person(id)));
    await store.upsertFriendships([friendship('a', 'b')]);
    await store.upsertTransactions([{ from: 'c', to: 'd', count: 1, amount: 10, lastAt: '2025-01-01' }]);
    await store.upsertEvents([event('e1', 'e')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const mark = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(await store.upsertFriendships([friendship('b', 'a', 99)])).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await store.dirtySeqsSince(mark)).seqs).toEqual([0, 1]);
    await store.upsertTransactions([{ from: 'c', to: 'd', count: 2, amount: 20, lastAt: '2025-02-01' }]);
    expect((await store.dirtySeqsSince(mark)).seqs).toEqual([0, 1, 2, 3]);
    await store.setEventStatus('e1', 'disputed');
    expect((await store.dirtySeqsSince(mark)).seqs).toEqual([0, 1, 2, 3, 4]);
  });

  it('stores a friendship once whichever way round it comes', async () => {
    await store.upsertPersons([person('x'), person('y')]);
    expect(await store.upsertFriendships([friendship('x', 'y', 1)])).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await store.upsertFriendships([friendship('y', 'x', 1)])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    // Both orders in one batch: applied in order, as one edge.
    expect(await store.upsertFriendships([friendship('y', 'x', 2), friendship('x', 'y', 2)])).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    expect((await store.counts()).friendships).toBe(1);
    expect(await friendshipBatchRows(store.friendshipBatches(100))).toEqual([[{ a: 0, b: 1, since: '2021-06-01', interactions: 2 }]]);
  });

  it('links the right persons when the node ids it kept went stale (wiped and re-created by another process)', async () => {
    await store.upsertPersons([person('x'), person('y')]);
    expect(await store.upsertFriendships([friendship('x', 'y', 1)])).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const other = await Neo4jStore.open(config);
    try {
      await other.wipeAll();
      // Re-created in the other order: node ids freed by the wipe may come back swapped.
      await other.upsertPersons([person('filler'), person('y'), person('x')]);
    } finally {
      await other.close();
    }
    expect(await store.upsertFriendships([friendship('x', 'y', 2), friendship('x', 'filler', 3)])).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await store.upsertTransactions([{ from: 'y', to: 'x', count: 2, amount: 40, lastAt: '2026-01-02T00:00:00Z' }])).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    const seqOf = async (id: string) => (await store.getPerson(id))!.seq;
    const [x, y, filler] = [await seqOf('x'), await seqOf('y'), await seqOf('filler')];
    const friendships = (await friendshipBatchRows(store.friendshipBatches(10))).flat();
    // Stored from the smaller id to the larger: filler → x, x → y.
    expect(friendships.map((f) => [f.a, f.b, f.interactions]).sort()).toEqual([[filler, x, 3], [x, y, 2]].sort());
    expect((await transactionBatchRows(store.transactionBatches(10))).flat().map((t) => [t.from, t.to])).toEqual([[y, x]]);
  });

  it('streams every edge exactly once in batches of the requested size', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `n${i}`);
    await store.upsertPersons(ids.map((id) => person(id)));
    const friends: Friendship[] = [];
    for (let i = 0; i < ids.length; i++) {
      for (const step of [1, 7, 31]) friends.push(friendship(ids[i] ?? '', ids[(i + step) % ids.length] ?? '', i));
    }
    await store.upsertFriendships(friends);
    await store.upsertTransactions(friends.map((f) => ({ from: f.b, to: f.a, count: 1, amount: 5, lastAt: '2025-01-01' })));

    const batches = await friendshipBatchRows(store.friendshipBatches(64));
    expect(batches.slice(0, -1).every((batch) => batch.length === 64)).toBe(true);
    const edges: SeqFriendship[] = batches.flat();
    expect(edges).toHaveLength(900);
    const keys = new Set(edges.map((e) => `${Math.min(e.a, e.b)}-${Math.max(e.a, e.b)}`));
    expect(keys.size).toBe(900);
    const transactions = (await transactionBatchRows(store.transactionBatches(100))).flat();
    expect(transactions).toHaveLength(900);
    expect(transactions[0]).toMatchObject({ count: 1, amount: 5, lastAt: '2025-01-01' });
  });

  it('keeps an event’s dispute status when the event is updated', async () => {
    await store.upsertPersons([person('a')]);
    await store.upsertEvents([event('e1', 'a'), event('e2', 'a', { at: '2023-01-01', kind: 'blacklisted', until: '2026-05-01' })]);
    await store.setEventStatus('e1', 'disputed');
    expect(await store.upsertEvents([event('e1', 'a', { amount: 900, status: 'active' })])).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    const events = await store.eventsOf('a');
    expect(events).toEqual([
      event('e1', 'a', { amount: 900, status: 'disputed' }),
      event('e2', 'a', { at: '2023-01-01', kind: 'blacklisted', until: '2026-05-01' }),
    ]);
    expect(events[0]).not.toHaveProperty('until');
    expect(await store.eventsInSeqRange(0, 1)).toEqual(new Map([[0, events]]));
    expect((await store.counts()).events).toBe(2);
  });

  it('publishes a run atomically and refuses an incomplete one', async () => {
    await store.createRun(run('r1'));
    await store.createRun(run('r2', { status: 'running', startedAt: '2026-01-02T02:00:00.000Z' }));
    expect(await store.publishedRun()).toBeUndefined();
    await store.publishRun('r1', '2026-01-01T03:00:00.000Z');
    await expect(store.publishRun('r2', '2026-01-02T03:00:00.000Z')).rejects.toThrow(/not complete/);
    expect((await store.publishedRun())?.id).toBe('r1');

    await store.updateRun('r2', { failureReason: 'worker lost' });
    expect((await store.getRun('r2'))?.failureReason).toBe('worker lost');
    await store.updateRun('r2', { status: 'complete', finishedAt: '2026-01-02T02:30:00.000Z', stats: { mean: 612.5 }, failureReason: undefined });
    await expect(store.updateRun('nope', { status: 'failed' })).rejects.toBeInstanceOf(NotFoundError);
    await store.publishRun('r2', '2026-01-02T03:00:00.000Z');
    expect(await store.publishedRun()).toEqual(
      run('r2', {
        startedAt: '2026-01-02T02:00:00.000Z',
        finishedAt: '2026-01-02T02:30:00.000Z',
        publishedAt: '2026-01-02T03:00:00.000Z',
        stats: { mean: 612.5 },
      }),
    );
    expect((await store.listRuns(10)).map((r) => r.id)).toEqual(['r2', 'r1']);
    await expect(store.deleteRun('r2')).rejects.toThrow(/published/);
    await store.deleteRun('r1');
    expect(await store.getRun('r1')).toBeUndefined();

    // Concurrent publications leave exactly one pointer, at one of the runs.
    await store.createRun(run('r3', { startedAt: '2026-01-03T02:00:00.000Z' }));
    await Promise.all([store.publishRun('r2', '2026-01-03T03:00:00.000Z'), store.publishRun('r3', '2026-01-03T03:00:00.000Z')]);
    expect(['r2', 'r3']).toContain((await store.publishedRun())?.id);
  });

  it('serves a score from the newest run of the lineage that has one', async () => {
    await store.upsertPersons(['a', 'b', 'c'].map((id) => person(id)));
    await store.createRun(run('full'));
    await store.createRun(run('inc1', { kind: 'incremental', lineage: ['inc1', 'full'], startedAt: '2026-01-02T02:00:00.000Z' }));
    await store.createRun(run('inc2', { kind: 'incremental', lineage: ['inc2', 'inc1', 'full'], startedAt: '2026-01-03T02:00:00.000Z' }));
    await store.writeScores([score('full', 'a', 0, 600), score('full', 'b', 1, 610), score('full', 'c', 2, 620)]);
    await store.writeScores([score('inc1', 'b', 1, 500)]);
    await store.writeScores([score('inc2', 'c', 2, 700), score('inc2', 'c', 2, 705)]);

    const inc2 = (await store.getRun('inc2')) as ScoreRun;
    expect((await store.scoreIn(inc2, 'a'))?.score).toBe(600);
    expect((await store.scoreIn(inc2, 'b'))?.score).toBe(500);
    expect(await store.scoreIn(inc2, 'c')).toEqual(score('inc2', 'c', 2, 705));
    expect(await store.scoreIn(inc2, 'zed')).toBeUndefined();
    expect((await store.scoresInSeqRange(inc2, 0, 3)).map((s) => [s.seq, s.runId, s.score])).toEqual([
      [0, 'full', 600],
      [1, 'inc1', 500],
      [2, 'inc2', 705],
    ]);
    expect((await store.scoresInSeqRange(inc2, 1, 2)).map((s) => s.runId)).toEqual(['inc1']);
    expect(await store.countScores('full')).toBe(3);
    expect(await store.countScores('inc2')).toBe(1);
    expect((await store.scoreHistory('b')).map((s) => s.runId)).toEqual(['inc1', 'full']);
  });

  it('does not read the block of a score its reader holds for the published run, and reads it again once the person is gone or the run changed', async () => {
    await store.upsertPersons(['a', 'b'].map((id) => person(id)));
    await store.createRun(run('full'));
    await store.writeScores([score('full', 'a', 0, 600), score('full', 'b', 1, 610)]);
    await store.publishRun('full', '2026-01-01T03:00:00.000Z');
    const entry = { personId: 'a', at: '2026-01-01T04:00:00.000Z', kind: 'score' as const, actor: 'k1', role: 'analyst' as const };
    // A held score marked so that an answer from the block would show: the store answers with it.
    const held = { ...score('full', 'a', 0, 600), score: 601 };
    const read = async (runId: string) => (await store.publishedScoresLogged([{ personId: 'a', entry, known: { runId, score: held } }]))!.persons[0]!;
    expect((await read('full')).score).toBe(held);
    expect((await read('other')).score?.score).toBe(600);
    await store.erasePerson('a', { idHash: 'a1'.repeat(32), at: '2026-01-01T05:00:00.000Z', requestedBy: 'k-admin', role: 'admin' });
    expect(await read('full')).toMatchObject({ found: false, score: undefined });
  });

  it('loses no score when writers share a block at once: two chunks of a run, and an erasure beside them', async () => {
    // One score block's persons; the odd and the even ones are written by two concurrent calls,
    // while a person whose score both calls bring is erased.
    const ids = Array.from({ length: SCORE_BLOCK_SIZE }, (_, i) => `w${String(i).padStart(3, '0')}`);
    await store.upsertPersons(ids.map((id) => person(id)));
    const seqs = await Promise.all(ids.map(async (id) => (await store.getPerson(id))!.seq));
    expect(new Set(seqs.map((seq) => Math.floor(seq / SCORE_BLOCK_SIZE))).size).toBe(1);
    const alive = new Set(ids);
    const erasure = { idHash: 'e1'.repeat(32), at: '2026-01-02T00:00:00.000Z', requestedBy: 'k-admin', role: 'admin' as const };
    for (let round = 0; round < 8; round++) {
      const runId = `race${round}`;
      await store.createRun(run(runId, { kind: 'incremental' }));
      const erased = ids[SCORE_BLOCK_SIZE - 10 + round]!;
      const scoresOf = (parity: number) =>
        ids.map((id, i) => score(runId, id, seqs[i]!, 500 + i)).filter((s) => s.seq % 2 === parity && (alive.has(s.personId) || s.personId === erased));
      alive.delete(erased);
      await Promise.all([store.writeScores(scoresOf(0)), store.writeScores(scoresOf(1)), store.erasePerson(erased, erasure)]);
      const served = await store.scoresInSeqRange((await store.getRun(runId))!, 0, SCORE_BLOCK_SIZE);
      expect(served.map((s) => s.personId)).toEqual(ids.filter((id) => alive.has(id)));
    }
  });

  it('agrees on one block size a run and loses no score when merges and erasures share a large block at once', async () => {
    // An incremental run's blocks span many seqs (score-blocks.ts, mergeBlockSize). Two first
    // merges of a run proposing different sizes must both write in the size stored first; two
    // erasures of persons in one block, and a merge of the block's other persons beside them,
    // must each keep the others' changes.
    const ids = Array.from({ length: 1_000 }, (_, i) => `v${String(i).padStart(3, '0')}`);
    await store.upsertPersons(ids.map((id) => person(id)));
    const seqs = new Map(await Promise.all(ids.map(async (id) => [id, (await store.getPerson(id))!.seq] as const)));
    expect(Math.max(...seqs.values())).toBe(999);
    const alive = new Set(ids);
    const erasure = { idHash: 'e2'.repeat(32), at: '2026-01-02T00:00:00.000Z', requestedBy: 'k-admin', role: 'admin' as const };
    const connection = await connectNeo4j(config);
    const blockSizeOf = async (runId: string) => {
      const session = connection.driver.session({ database: connection.database });
      try {
        return (await session.run('MATCH (r:ScoreRun {id: $runId}) RETURN r.blockSize AS size', { runId })).records[0]!.get('size') as number;
      } finally {
        await session.close();
      }
    };
    try {
      for (let round = 0; round < 4; round++) {
        const scoresOf = (runId: string, picked: (i: number) => boolean) =>
          ids.map((id, i) => score(runId, id, seqs.get(id)!, 500 + i)).filter((s, i) => picked(i) && alive.has(s.personId));
        const served = async (runId: string) => (await store.scoresInSeqRange((await store.getRun(runId))!, 0, 1_000)).map((s) => s.personId);
        // Four scores over 1,000 seqs propose blocks of 6,400 seqs; a hundred, of 400.
        const sparse = (i: number) => i % 333 === 0;
        const dense = (i: number) => i % 10 === 5;
        const firstRun = `first${round}`;
        await store.createRun(run(firstRun, { kind: 'incremental' }));
        await Promise.all([store.writeScores(scoresOf(firstRun, sparse)), store.writeScores(scoresOf(firstRun, dense))]);
        expect([400, 6_400]).toContain(await blockSizeOf(firstRun));
        expect(await served(firstRun)).toEqual(ids.filter((id, i) => alive.has(id) && (sparse(i) || dense(i))));

        // The block holds x1 and x2 before they are erased at once (their seqs under different
        // locks), while a merge adds others and x3, also erased; the size stays the first one.
        const raceRun = `race${round}`;
        const [x1, x2, x3] = [ids[101 + 10 * round]!, ids[152 + 10 * round]!, ids[105 + 10 * round]!];
        const held = (i: number) => sparse(i) || ids[i] === x1 || ids[i] === x2;
        await store.createRun(run(raceRun, { kind: 'incremental' }));
        await store.writeScores(scoresOf(raceRun, held));
        const added = scoresOf(raceRun, dense);
        for (const erased of [x1, x2, x3]) alive.delete(erased);
        await Promise.all([store.writeScores(added), store.erasePerson(x1, erasure), store.erasePerson(x2, erasure), store.erasePerson(x3, erasure)]);
        expect(await blockSizeOf(raceRun)).toBe(6_400);
        expect(await served(raceRun)).toEqual(ids.filter((id, i) => alive.has(id) && (held(i) || dense(i))));
        expect(await store.scoreHistory(x1)).toEqual([]);
        const history = (await store.scoreHistory(ids[5 + 10 * round]!)).map((s) => s.runId);
        expect(history.sort()).toEqual(Array.from({ length: round + 1 }, (_, r) => [`first${r}`, `race${r}`]).flat().sort());
      }
    } finally {
      await connection.close();
    }
  });

  it('surfaces an unreachable server as StoreUnavailableError', async () => {
    await expect(Neo4jStore.open({ ...config, NEO4J_URI: 'bolt://127.0.0.1:1' })).rejects.toBeInstanceOf(StoreUnavailableError);
    // A server lost after connecting: the driver's ServiceUnavailable becomes the same error.
    const driver = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'none'), { maxTransactionRetryTime: 0 });
    try {
      await expect(new Neo4jRunner(driver, undefined).read('persons/seq-bound')).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await driver.close();
    }
  });
});
