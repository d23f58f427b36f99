import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles, type ImportFiles } from '../../../src/import/importer.js';
import { ErasureHasher } from '../../../src/privacy/erasure-hasher.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { tempDirs } from '../../support/temp-dirs.js';

const PERSONS_HEADER = 'id,verified,account_created,income_monthly,debt_monthly,assets,bills_on_time_ratio,activity_regularity,address_changes,birth_year,sex';

const dataDir = tempDirs('tiescore-import-');

const goodFiles = {
  'persons.csv': [
    PERSONS_HEADER,
    'p1,true,2020-01-01,3000,500,10000,0.95,0.9,0,1980,F',
    'p2,false,2026-05-01,1200.50,0,0,0.5,0.2,2,,',
    'p3,1,2019-07-15,4000,1000,50000,1,1,1,1990,M',
  ].join('\n'),
  'friendships.csv': 'a,b,since,interactions\np1,p2,2021-03-01,12\np2,p3,2022-01-01,\n',
  'transactions.csv': 'from,to,count,amount,last_at\np1,p3,4,220.00,2026-04-30\n',
  'events.csv': 'id,person_id,kind,at,amount,source,until\ne1,p1,repaid_on_time,2025-01-10,300,bank-a,\ne2,p2,blacklisted,2024-02-01,5000,court,2027-02-01\n',
};

function paths(dir: string, names: Record<string, string>): ImportFiles {
  const files: ImportFiles = {};
  for (const name of Object.keys(names)) files[name.replace(/\.(csv|ndjson)$/, '') as keyof ImportFiles] = join(dir, name);
  return files;
}

describe('importFiles', () => {
  it('imports every file and reports what it wrote', async () => {
    const store = new MemoryStore();
    const dir = dataDir(goodFiles);
    const summary = await importFiles(store, paths(dir, goodFiles));
    expect(summary).toMatchObject({ read: 8, written: 8, created: 8, unchanged: 0, rejected: 0, aborted: false });
    expect(await store.counts()).toEqual({ persons: 3, friendships: 2, transactions: 1, events: 2 });
    expect(await store.getPerson('p2')).toEqual({
      id: 'p2', seq: 1, verified: false, accountCreated: '2026-05-01', incomeMonthly: 1200.5, debtMonthly: 0, assets: 0,
      billsOnTimeRatio: 0.5, activityRegularity: 0.2, addressChanges: 2,
    });
    expect((await store.eventsOf('p2'))[0]).toMatchObject({ kind: 'blacklisted', until: '2027-02-01', status: 'active' });
  });

  it('changes nothing when the same files are imported again', async () => {
    const store = new MemoryStore();
    const dir = dataDir(goodFiles);
    await importFiles(store, paths(dir, goodFiles));
    const again = await importFiles(store, paths(dir, goodFiles));
    expect(again).toMatchObject({ read: 8, written: 0, created: 0, updated: 0, unchanged: 8, rejected: 0 });
    expect(await store.counts()).toEqual({ persons: 3, friendships: 2, transactions: 1, events: 2 });
  });

  const badFiles = {
    'persons.csv': [
      PERSONS_HEADER,
      'p1,true,2020-01-01,3000,500,10000,0.95,0.9,0,1980,F',
      ',true,2020-01-01,3000,500,10000,0.95,0.9,0,1980,F', // line 3: missing id
      'p2,true,2020-01-01,3000,500', // line 4: wrong column count
      'p3,true,2020-13-01,3000,500,10000,0.95,0.9,0,1980,F', // line 5: bad date
      'p4,true,2020-01-01,-3000,500,10000,0.95,0.9,0,1980,F', // line 6: negative amount
      'p5,true,2020-01-01,3000,500,10000,0.95,0.9,0,1980,F',
    ].join('\n'),
    'friendships.csv': 'a,b,since,interactions\np1,p5,2021-03-01,1\np1,ghost,2021-03-01,1\np5,p5,2021-03-01,1\np1,p3,2021-03-01,1\n',
    'events.csv': 'id,person_id,kind,at,amount,source,until\ne1,p1,bankrupt,2025-01-10,300,bank-a,\ne2,p1,defaulted,2025-01-10,300,bank-a,\n',
  };
  const expectedRejections = (dir: string) => [
    `${join(dir, 'persons.csv')}:3: id: must not be empty`,
    `${join(dir, 'persons.csv')}:4: expected 11 columns, found 5`,
    `${join(dir, 'persons.csv')}:5: account_created: is not a calendar date`,
    `${join(dir, 'persons.csv')}:6: income_monthly: must not be negative`,
    `${join(dir, 'friendships.csv')}:3: person "ghost" does not exist`,
    `${join(dir, 'friendships.csv')}:4: b: a person cannot befriend themselves`,
    `${join(dir, 'friendships.csv')}:5: person "p3" does not exist`,
    `${join(dir, 'events.csv')}:2: kind: must be one of repaid_on_time, repaid_late, defaulted, blacklisted`,
  ];

  it('reports one FILE:LINE: reason per bad row and writes the good ones', async () => {
    const store = new MemoryStore();
    const dir = dataDir(badFiles);
    const rejected: string[] = [];
    const summary = await importFiles(store, paths(dir, badFiles), { onRejected: (message) => rejected.push(message) });
    expect(rejected).toEqual(expectedRejections(dir));
    expect(summary).toMatchObject({ rejected: 8, created: 4, aborted: false });
    expect(await store.counts()).toEqual({ persons: 2, friendships: 1, transactions: 0, events: 1 });
  });

  it('with strict, reports every bad row and writes nothing', async () => {
    const store = new MemoryStore();
    const dir = dataDir(badFiles);
    const rejected: string[] = [];
    const summary = await importFiles(store, paths(dir, badFiles), { strict: true, onRejected: (message) => rejected.push(message) });
    expect(rejected).toEqual(expectedRejections(dir));
    expect(summary).toMatchObject({ aborted: true, written: 0, rejected: 8 });
    expect(await store.counts()).toEqual({ persons: 0, friendships: 0, transactions: 0, events: 0 });
  });

  it('checks references against persons already in the store', async () => {
    const store = new MemoryStore();
    const dir = dataDir(goodFiles);
    await importFiles(store, { persons: join(dir, 'persons.csv') });
    const summary = await importFiles(store, { friendships: join(dir, 'friendships.csv') });
    expect(summary).toMatchObject({ created: 2, rejected: 0 });
  });

  it('reads NDJSON with the same columns and typed values', async () => {
    const files = {
      'persons.ndjson': [
        JSON.stringify({ id: 'a', verified: true, account_created: '2020-01-01', income_monthly: 1000, debt_monthly: 0, assets: 0, bills_on_time_ratio: 1, activity_regularity: 1, address_changes: 0 }),
        '',
        '{"id": "b", oops',
        JSON.stringify({ id: 'c', verified: 'yes', account_created: '2020-01-01', income_monthly: 1000, debt_monthly: 0, assets: 0, bills_on_time_ratio: 1, activity_regularity: 1, address_changes: 0 }),
        JSON.stringify([1, 2]),
        JSON.stringify({ id: 'd', verified: true, account_created: '2020-01-01', income_monthly: 1000, debt_monthly: 0, assets: 0, bills_on_time_ratio: 1, activity_regularity: 1, address_changes: 0, colour: 'red' }),
      ].join('\n'),
    };
    const dir = dataDir(files);
    const rejected: string[] = [];
    const summary = await importFiles(new MemoryStore(), { persons: join(dir, 'persons.ndjson') }, { onRejected: (m) => rejected.push(m) });
    expect(rejected.map((m) => m.slice(dir.length + 1))).toEqual([
      'persons.ndjson:3: not valid JSON',
      'persons.ndjson:4: verified: must be true or false',
      'persons.ndjson:5: must be a JSON object',
      'persons.ndjson:6: unknown column "colour"',
    ]);
    expect(summary).toMatchObject({ created: 1, rejected: 4 });
  });

  it('refuses a file with an unknown or missing header column as one error', async () => {
    const dir = dataDir({ 'friendships.csv': 'a,b,when\np1,p2,2020-01-01\n', 'transactions.csv': 'from,to\n' });
    const rejected: string[] = [];
    const store = new MemoryStore();
    const summary = await importFiles(store, paths(dir, { 'friendships.csv': '', 'transactions.csv': '' }), { onRejected: (m) => rejected.push(m) });
    expect(rejected).toEqual([
      `${join(dir, 'friendships.csv')}:1: unknown column "when" (expected a,b,since,interactions)`,
      `${join(dir, 'transactions.csv')}:1: missing column "count", "amount", "last_at"`,
    ]);
    expect(summary.rejected).toBe(2);
  });

  it('reports a missing file instead of throwing', async () => {
    const rejected: string[] = [];
    const summary = await importFiles(new MemoryStore(), { persons: '/nonexistent/persons.csv' }, { onRejected: (m) => rejected.push(m) });
    expect(rejected).toEqual(['/nonexistent/persons.csv: cannot be read (ENOENT)']);
    expect(summary.rejected).toBe(1);
  });

  it('writes in batches of the requested size and reports progress', async () => {
    const lines = [PERSONS_HEADER, ...Array.from({ length: 25 }, (_, i) => `q${i},true,2020-01-01,1,0,0,1,1,0,,`)];
    const dir = dataDir({ 'persons.csv': lines.join('\n') });
    const progress: number[] = [];
    const summary = await importFiles(new MemoryStore(), { persons: join(dir, 'persons.csv') }, { batchSize: 10, onProgress: (p) => progress.push(p.rows) });
    expect(progress).toEqual([0, 10, 20, 25]); // 0: the file's start, before the first batch
    expect(summary.created).toBe(25);
  });

  it('says where a file\'s time went: a slow database shows as writes and waiting for them', async () => {
    const lines = [PERSONS_HEADER, ...Array.from({ length: 30 }, (_, i) => `q${i},true,2020-01-01,1,0,0,1,1,0,,`)];
    const dir = dataDir({ 'persons.csv': lines.join('\n') });
    const store = new MemoryStore();
    const upsert = store.upsertPersons.bind(store);
    store.upsertPersons = async (persons) => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return upsert(persons);
    };
    const summary = await importFiles(store, { persons: join(dir, 'persons.csv') }, { batchSize: 10 });
    const t = summary.files[0]!.timingsMs;
    expect(t.writing).toBeGreaterThanOrEqual(3 * 38); // three batches of ≥ 40 ms (timers may fire a little early)
    // The parser cannot get ahead by more than one batch, so it waits for at least two of the three writes.
    expect(t.waitingForWrites).toBeGreaterThanOrEqual(2 * 35);
    expect(Math.abs(t.total - (t.parsing + t.checking + t.waitingForWrites))).toBeLessThanOrEqual(2);
    expect(t.total).toBeGreaterThanOrEqual(t.waitingForWrites);
  });

  it('writes batches in order while the next is parsed, and fails with the store when a write fails', async () => {
    const lines = [PERSONS_HEADER, ...Array.from({ length: 35 }, (_, i) => `q${i},true,2020-01-01,1,0,0,1,1,0,,`)];
    const dir = dataDir({ 'persons.csv': lines.join('\n') });
    const written: string[][] = [];
    const store = new MemoryStore();
    const upsert = store.upsertPersons.bind(store);
    store.upsertPersons = async (persons) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      written.push(persons.map((p) => p.id));
      if (written.length === 3) throw new Error('database went away');
      return upsert(persons);
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(importFiles(store, { persons: join(dir, 'persons.csv') }, { batchSize: 10 })).rejects.toThrow('database went away');
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(written.map((batch) => batch[0])).toEqual(['q0', 'q10', 'q20']); // in file order; none after the failure
    expect((await store.counts()).persons).toBe(20);
  });
});

describe('importFiles and erased persons', () => {
  async function storeWithP2Erased(): Promise<{ store: MemoryStore; dir: string }> {
    const store = new MemoryStore();
    const dir = dataDir(goodFiles);
    await importFiles(store, paths(dir, goodFiles));
    const hasher = new ErasureHasher(store);
    await store.erasePerson('p2', { idHash: await hasher.hashOf('p2'), at: '2026-11-26T00:00:00.000Z', requestedBy: 'k1', role: 'admin' });
    return { store, dir };
  }

  it('refuses the rows of an erased person, and the edges and events naming them, with FILE:LINE', async () => {
    const { store, dir } = await storeWithP2Erased();
    const rejected: string[] = [];
    const summary = await importFiles(store, paths(dir, goodFiles), { onRejected: (line) => rejected.push(line) });
    const reason = 'person "p2" was erased; bringing them back needs --allow-erased';
    expect(rejected).toEqual([
      `${join(dir, 'persons.csv')}:3: ${reason}`,
      `${join(dir, 'friendships.csv')}:2: ${reason}`,
      `${join(dir, 'friendships.csv')}:3: ${reason}`,
      `${join(dir, 'events.csv')}:3: ${reason}`,
    ]);
    expect(summary.rejected).toBe(4);
    expect(await store.getPerson('p2')).toBeUndefined();
    // With --strict the same rows abort the import before anything is written.
    expect(await importFiles(store, paths(dir, goodFiles), { strict: true })).toMatchObject({ aborted: true, rejected: 4 });
  });

  it('brings them back with allowErased; later imports treat them as any stored person', async () => {
    const { store, dir } = await storeWithP2Erased();
    expect(await importFiles(store, paths(dir, goodFiles), { allowErased: true })).toMatchObject({ rejected: 0, created: 4 });
    expect((await store.getPerson('p2'))?.seq).toBe(3);
    expect(await importFiles(store, paths(dir, goodFiles))).toMatchObject({ rejected: 0, unchanged: 8 });
  });
});
