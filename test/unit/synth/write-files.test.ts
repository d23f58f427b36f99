import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { eventRow, friendshipRow, parseRow, personRow, transactionRow } from '../../../src/import/row-schemas.js';
import { generatePopulation, personId, type SyntheticPopulation } from '../../../src/synth/population.js';
import { FILES, writePopulationFiles, type WriteProgress, type WriteSummary } from '../../../src/synth/write-files.js';
import { readCsv } from './fixtures.js';

const N = 4000;
const root = mkdtempSync(join(tmpdir(), 'tiescore-synth-'));
const dirA = join(root, 'a');
const dirB = join(root, 'b');
const dirC = join(root, 'c');
let pop: SyntheticPopulation;
let summary: WriteSummary;
const progress: WriteProgress[] = [];

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const names = Object.values(FILES).map((f) => f.name);

beforeAll(async () => {
  pop = generatePopulation({ persons: N, seed: 21 });
  summary = await writePopulationFiles(pop, dirA, { onProgress: (p) => progress.push(p) });
  await writePopulationFiles(generatePopulation({ persons: N, seed: 21 }), dirB);
  await writePopulationFiles(generatePopulation({ persons: N, seed: 22 }), dirC);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function parseAll<T>(schema: z.ZodType<T>, rows: Record<string, string>[], file: string): T[] {
  return rows.map((row, k) => {
    const result = parseRow(schema, row);
    if (!result.ok) throw new Error(`${file}:${k + 2}: ${result.reason}`);
    return result.value;
  });
}

describe('writePopulationFiles', () => {
  it('writes byte-identical files for the same seed and N, different ones for another seed', () => {
    for (const name of names) {
      expect(sha256(join(dirB, name)), name).toBe(sha256(join(dirA, name)));
      expect(sha256(join(dirC, name)), name).not.toBe(sha256(join(dirA, name)));
    }
  });

  it('keeps the output of a pinned population stable across refactors', async () => {
    // Benchmarks and backtests cite populations by (N, seed): the files must not drift. A
    // deliberate change to the model (DEFAULTS or the maths) updates this hash in the same commit.
    const dir = join(root, 'pinned');
    await writePopulationFiles(generatePopulation({ persons: 500, seed: 1 }), dir);
    const hash = createHash('sha256');
    for (const name of names) hash.update(readFileSync(join(dir, name)));
    expect(hash.digest('hex')).toBe('d353b928aa6c9e60580c0bc4193fa58efbec81fd83423a4d27189d34d4d24e98');
  });

  it('writes the documented headers and no hidden variable', () => {
    for (const file of Object.values(FILES)) {
      const first = readFileSync(join(dirA, file.name), 'utf8').split('\n', 1)[0];
      expect(first).toBe(file.header);
      expect(first).not.toMatch(/risk|community/);
    }
  });

  it('writes rows that the importer accepts and that name existing persons', () => {
    const persons = parseAll(personRow, readCsv(join(dirA, FILES.persons.name)).rows, 'persons.csv');
    const ids = new Set(persons.map((p) => p.id));
    expect(ids.size).toBe(N);
    expect(persons.map((p) => p.id)).toEqual(Array.from({ length: N }, (_, seq) => personId(seq, N)));

    const friendships = parseAll(friendshipRow, readCsv(join(dirA, FILES.friendships.name)).rows, 'friendships.csv');
    const pairs = new Set<string>();
    for (const f of friendships) {
      expect(ids.has(f.a) && ids.has(f.b)).toBe(true);
      pairs.add(f.a < f.b ? `${f.a}|${f.b}` : `${f.b}|${f.a}`);
      expect(f.since <= pop.asOf).toBe(true);
    }
    expect(pairs.size).toBe(friendships.length);

    const transactions = parseAll(transactionRow, readCsv(join(dirA, FILES.transactions.name)).rows, 'transactions.csv');
    const ordered = new Set<string>();
    for (const t of transactions) {
      expect(ids.has(t.from) && ids.has(t.to)).toBe(true);
      ordered.add(`${t.from}|${t.to}`);
      expect(t.lastAt <= pop.asOf).toBe(true);
    }
    expect(ordered.size).toBe(transactions.length);

    const events = parseAll(eventRow, readCsv(join(dirA, FILES.events.name)).rows, 'events.csv');
    const eventIds = new Set<string>();
    for (const ev of events) {
      expect(ids.has(ev.personId)).toBe(true);
      eventIds.add(ev.id);
      expect(ev.at <= pop.asOf).toBe(true);
    }
    expect(eventIds.size).toBe(events.length);

    const outcomes = readCsv(join(dirA, FILES.outcomes.name)).rows;
    expect(outcomes.map((o) => o.person_id)).toEqual(persons.map((p) => p.id));
    expect(outcomes.every((o) => o.defaulted === '0' || o.defaulted === '1')).toBe(true);

    expect(summary).toMatchObject({
      persons: N,
      friendships: pop.friendA.length,
      transactions: pop.paidFrom.length,
      events: events.length,
    });
    expect([friendships.length, transactions.length]).toEqual([pop.friendA.length, pop.paidFrom.length]);
  });

  it('writes what the arrays hold, with fixed decimals', () => {
    const rows = readCsv(join(dirA, FILES.persons.name)).rows;
    rows.forEach((row, seq) => {
      expect(Number(row.income_monthly)).toBe(pop.incomeMonthly[seq]);
      expect(Number(row.bills_on_time_ratio)).toBe(pop.billsOnTimeRatio[seq]);
      expect(row.verified).toBe(pop.verified[seq] ? 'true' : 'false');
      for (const money of [row.income_monthly, row.debt_monthly, row.assets]) expect(money).toMatch(/^\d+\.\d{2}$/);
      for (const ratio of [row.bills_on_time_ratio, row.activity_regularity]) expect(ratio).toMatch(/^[01]\.\d{4}$/);
    });
    for (const row of readCsv(join(dirA, FILES.transactions.name)).rows) expect(row.amount).toMatch(/^\d+\.\d{2}$/);
    for (const row of readCsv(join(dirA, FILES.events.name)).rows) {
      expect(row.amount).toMatch(/^\d+\.\d{2}$/);
      if (row.kind !== 'blacklisted') expect(row.until).toBe('');
    }
  });

  it('reports progress up to the total', () => {
    expect(progress.length).toBeGreaterThanOrEqual(names.length);
    const last = progress[progress.length - 1]!;
    expect(last.done).toBe(last.total);
    expect(last.total).toBe(3 * N + pop.friendA.length + pop.paidFrom.length);
    for (let k = 1; k < progress.length; k++) expect(progress[k]!.done).toBeGreaterThanOrEqual(progress[k - 1]!.done);
    expect(summary.bytes).toBe(names.reduce((sum, name) => sum + readFileSync(join(dirA, name)).length, 0));
  });
});
