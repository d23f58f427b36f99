// SNAPSHOT's and SCORE's reads through tiescore's Neo4j procedures (dev/neo4j, packed columns)
// against the same reads through plain Cypher, on the test Neo4j (which registers the procedures
// as a server loads a plugin): the same persons, events and edges, the same refusals of a
// malformed date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { CreditEvent, Friendship, Person, Transaction } from '../../src/domain/records.js';
import { mulberry32 } from '../../src/prng.js';
import { connectNeo4j, type Neo4jConnection } from '../../src/store/neo4j/connection.js';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j-runner.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { friendshipBatchRows, transactionBatchRows } from '../support/edge-rows.js';
import { openMigratedStore } from '../support/migrated-store.js';

const config = loadConfig();
const PERSONS = 150;
const now = () => '2026-06-01T00:00:00.000Z';

const KINDS: CreditEvent['kind'][] = ['repaid_on_time', 'repaid_late', 'defaulted', 'blacklisted'];
const STATUSES: CreditEvent['status'][] = ['active', 'active', 'active', 'disputed', 'removed'];

/** Persons with every attribute known, some unknown, or none. */
const person = (id: string, random: () => number): Person => {
  const all: Person = { id, verified: random() < 0.7, accountCreated: '2020-01-15', incomeMonthly: 3200.5, debtMonthly: 450, assets: 0, billsOnTimeRatio: 0.95, activityRegularity: 0.75, addressChanges: 2, birthYear: 1980, sex: 'F' };
  const kept = Object.entries(all).filter(([key]) => key === 'id' || random() < 0.6);
  return Object.fromEntries(kept) as unknown as Person;
};
const isoDate = (random: () => number) => new Date(Date.UTC(1995 + Math.floor(random() * 32), 0, 1 + Math.floor(random() * 365))).toISOString().slice(0, 10);

describe('packed edge reads', () => {
  let store: Neo4jStore;
  let cypherStore: Neo4jStore;
  let connection: Neo4jConnection;
  let runner: Neo4jRunner;
  const edges = (reads: 'auto' | 'cypher') => (reads === 'auto' ? store : cypherStore);
  const sortedRows = <T>(batches: T[][]) => batches.flat().map((row) => JSON.stringify(row)).sort();

  beforeAll(async () => {
    store = await openMigratedStore(config);
    cypherStore = await Neo4jStore.open(config, { reads: 'cypher' });
    connection = await connectNeo4j(config);
    runner = new Neo4jRunner(connection.driver, connection.database);
    const random = mulberry32(20261203);
    const ids = Array.from({ length: PERSONS }, (_, i) => `p${String(i).padStart(3, '0')}`);
    await store.upsertPersons(ids.map((id) => person(id, random)));
    const events: CreditEvent[] = [];
    for (let k = 0; k < 500; k++) {
      const kind = KINDS[Math.floor(random() * KINDS.length)]!;
      const event: CreditEvent = { id: `e${Math.floor(random() * 1e6)}-${k}`, personId: ids[Math.floor(random() * ids.length)]!, kind, at: isoDate(random), amount: Math.round(random() * 1e5) / 100, source: `bank-${k % 3}`, status: STATUSES[k % STATUSES.length]! };
      if (kind === 'blacklisted' && random() < 0.5) event.until = isoDate(random);
      events.push(event);
    }
    await store.upsertEvents(events);
    const pick = () => ids[Math.floor(random() * ids.length)]!;
    const friendships: Friendship[] = [];
    const transactions: Transaction[] = [];
    for (let k = 0; k < 600; k++) {
      const [a, b] = [pick(), pick()];
      if (a !== b) friendships.push({ a, b, since: isoDate(random), interactions: Math.floor(random() * 50) });
      const [from, to] = [pick(), pick()];
      if (from !== to) transactions.push({ from, to, count: 1 + Math.floor(random() * 9), amount: Math.round(random() * 1e6) / 100, lastAt: isoDate(random) });
    }
    await store.upsertFriendships(friendships);
    await store.upsertTransactions(transactions);
    // A hole in the seqs: the scans skip an erased person, as Cypher's range reads do.
    await store.erasePerson(ids[7]!, { idHash: 'test-hash', at: now(), requestedBy: 'cli:test', role: 'operator' });
  });

  afterAll(async () => {
    await connection?.close();
    await store?.close();
    await cypherStore?.close();
  });

  it('the test server has the procedures, so the default reads are the packed ones', async () => {
    const [row] = await runner.read<{ names: string[] }>('store/procedures');
    expect(row!.names).toEqual(expect.arrayContaining(['tiescore.snapshot.persons', 'tiescore.snapshot.friendships', 'tiescore.snapshot.transactions']));
  });

  it('reads the same persons with their events as Cypher, over any seq range', async () => {
    const bound = await store.seqBound();
    expect(bound).toBe(PERSONS);
    for (const [from, to] of [[0, bound], [0, 1], [5, 9], [7, 8], [bound - 3, bound + 5], [bound, bound + 10], [3, 3]] as const) {
      const packed = await store.personsWithEventsInSeqRange(from, to);
      expect(packed).toEqual(await cypherStore.personsWithEventsInSeqRange(from, to));
      expect(packed.map((row) => row.person.seq)).toEqual([...packed.map((row) => row.person.seq)].sort((x, y) => x - y));
    }
    const all = await store.personsWithEventsInSeqRange(0, bound);
    expect(all).toHaveLength(PERSONS - 1); // the erased person's seq stays a hole
    expect(all.flatMap((row) => row.events)).toHaveLength((await store.counts()).events);
    expect(all.some((row) => row.person.verified === false) && all.some((row) => row.person.incomeMonthly === undefined)).toBe(true);
    expect(all.some((row) => row.events.some((event) => event.until !== undefined))).toBe(true);
  });

  it('reads the same friendships and transactions as Cypher, in batches of at most the size asked', async () => {
    for (const batchSize of [1, 37, 10_000]) {
      const packed = await friendshipBatchRows(edges('auto').friendshipBatches(batchSize));
      const plain = await friendshipBatchRows(edges('cypher').friendshipBatches(batchSize));
      expect(packed.every((batch) => batch.length >= 1 && batch.length <= batchSize)).toBe(true);
      expect(sortedRows(packed)).toEqual(sortedRows(plain));
      const packedPaid = await transactionBatchRows(edges('auto').transactionBatches(batchSize));
      const plainPaid = await transactionBatchRows(edges('cypher').transactionBatches(batchSize));
      expect(packedPaid.every((batch) => batch.length >= 1 && batch.length <= batchSize)).toBe(true);
      expect(sortedRows(packedPaid)).toEqual(sortedRows(plainPaid));
    }
    const counts = await store.counts();
    expect((await friendshipBatchRows(edges('auto').friendshipBatches(100))).flat()).toHaveLength(counts.friendships);
    expect((await transactionBatchRows(edges('auto').transactionBatches(100))).flat()).toHaveLength(counts.transactions);
  });

  it('refuses a batch size past the procedures\' largest before asking the server', async () => {
    await expect(friendshipBatchRows(edges('auto').friendshipBatches(2 ** 20 + 1))).rejects.toThrow(/batchSize must be an integer from 1 to 1048576/);
    await expect(transactionBatchRows(edges('cypher').transactionBatches(0))).rejects.toThrow(RangeError);
  });

  it('refuses a stored date that is not a calendar date on both paths, and reads a time part as its day', async () => {
    const [first] = (await friendshipBatchRows(edges('cypher').friendshipBatches(1))).flat();
    const [a, b] = (await store.personsAtSeqs([first!.a, first!.b])).map((p) => p.id).sort();
    await runner.write('test/friendship-since-raw', { a, b, since: '2021-02-30' });
    await expect(friendshipBatchRows(edges('auto').friendshipBatches(100))).rejects.toThrow(RangeError);
    await expect(friendshipBatchRows(edges('cypher').friendshipBatches(100))).rejects.toThrow(RangeError);
    await runner.write('test/friendship-since-raw', { a, b, since: '2021-02-28T23:59:59Z' });
    const packed = (await friendshipBatchRows(edges('auto').friendshipBatches(100))).flat();
    expect(sortedRows([packed])).toEqual(sortedRows([(await friendshipBatchRows(edges('cypher').friendshipBatches(100))).flat()]));
    expect(packed.filter((row) => row.since === '2021-02-28').length).toBeGreaterThan(0);
  });
});
