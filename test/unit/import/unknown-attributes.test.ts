/**
 * Unknown person attributes (issue 17): only `id` is required; an empty cell, an absent column or
 * a JSON null is stored as unknown, and the score then comes from the person's credit records and
 * network alone, with "No information on …" reasons — never from a value somebody invented.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/import/importer.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { loadModel, missingPointsOf, PERSONAL_DIMENSIONS, type Model } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { tempDirs } from '../../support/temp-dirs.js';

const AS_OF = '2026-06-30';
const N = 40;
const id = (k: number) => `p${String(k).padStart(2, '0')}`;

/** Adverse reasons of the features that read person attributes: none may appear for an unknown value. */
function attributeReasons(model: Model): Set<string> {
  return new Set(PERSONAL_DIMENSIONS.filter((d) => d !== 'history').flatMap((d) => model.features[d].map((f) => f.reason)));
}

const write = tempDirs('tiescore-unknown-');

describe('persons with only an id', () => {
  it('are imported with every attribute unknown and scored from their records and network alone', async () => {
    const model = await loadModel();
    const friendships = Array.from({ length: N }, (_, k) => `${id(k)},${id((k + 1) % N)},2024-01-01,${k % 7}`);
    const chords = Array.from({ length: N / 2 }, (_, k) => `${id(k)},${id((k * 7 + 3) % N)},2023-06-01,2`).filter((row) => !row.startsWith(`${row.split(',')[1]},`));
    const events = Array.from({ length: N }, (_, k) => {
      if (k < 8) return `e${k},${id(k)},defaulted,2025-${String((k % 9) + 1).padStart(2, '0')}-10,900,bank`;
      if (k < 16) return `e${k},${id(k)},repaid_late,2025-03-01,200,bank`;
      return `e${k},${id(k)},repaid_on_time,${2019 + (k % 6)}-05-01,300,bank`;
    });
    const dir = write({
      'persons.csv': ['id', ...Array.from({ length: N }, (_, k) => id(k))].join('\n') + '\n',
      'friendships.csv': ['a,b,since,interactions', ...friendships, ...chords].join('\n') + '\n',
      'events.csv': ['id,person_id,kind,at,amount,source', ...events].join('\n') + '\n',
    });
    const store = new MemoryStore();
    const rejected: string[] = [];
    const summary = await importFiles(store, { persons: join(dir, 'persons.csv'), friendships: join(dir, 'friendships.csv'), events: join(dir, 'events.csv') }, { strict: true, onRejected: (m) => rejected.push(m) });
    expect(rejected).toEqual([]);
    expect(summary.rejected).toBe(0);
    // Stored as unknown: the record holds its id and nothing invented.
    expect(Object.keys((await store.getPerson('p00'))!).sort()).toEqual(['id', 'seq']);

    await recomputeInline(store, model, { asOf: AS_OF });
    const run = (await store.publishedRun())!;
    const missing = (dimension: 'behaviour' | 'capacity' | 'identity') => {
      const features = model.features[dimension];
      const possible = features.reduce((sum, f) => sum + Math.max(...f.bins.map((b) => b.points)), 0);
      return features.reduce((sum, f) => sum + missingPointsOf(f), 0) / possible;
    };
    const invented = attributeReasons(model);
    const scores: { score: number; dimensions: { network: number } }[] = [];
    let noInformation = 0;
    for (let k = 0; k < N; k++) {
      const score = (await store.scoreIn(run, id(k)))!;
      scores.push(score);
      expect(score.dimensions.behaviour).toBeCloseTo(missing('behaviour'), 12);
      expect(score.dimensions.capacity).toBeCloseTo(missing('capacity'), 12);
      expect(score.dimensions.identity).toBeCloseTo(missing('identity'), 12);
      for (const reason of score.reasonCodes) expect(invented.has(reason.reason), `${id(k)}: ${reason.reason}`).toBe(false);
      noInformation += score.reasonCodes.filter((r) => r.reason.startsWith('No information on ')).length;
      if (k < 8) expect(score.reasonCodes.map((r) => r.code)).toContain('H_DEFAULTS'); // the records still speak
    }
    expect(noInformation).toBeGreaterThan(0);
    // Scores differ only through records and network: a default costs, the network moves people apart.
    const mean = (from: number, to: number) => scores.slice(from, to).reduce((s, x) => s + x.score, 0) / (to - from);
    expect(mean(0, 8)).toBeLessThan(mean(16, N) - 50);
    expect(new Set(scores.map((s) => s.dimensions.network.toFixed(6))).size).toBeGreaterThan(N / 2);
  });

  it('takes empty cells, absent columns and JSON nulls as unknown, and a known value as given', async () => {
    const dir = write({
      'persons.csv': 'id,verified,income_monthly,debt_monthly\na,,3000,\nb,true,,0\n',
      'more.ndjson': '{"id":"c","verified":null,"assets":null,"bills_on_time_ratio":0.97}\n{"id":"d"}\n',
    });
    const store = new MemoryStore();
    expect((await importFiles(store, { persons: join(dir, 'persons.csv') }, { strict: true })).rejected).toBe(0);
    expect((await importFiles(store, { persons: join(dir, 'more.ndjson') }, { strict: true })).rejected).toBe(0);
    expect(await store.getPerson('a')).toEqual({ id: 'a', seq: 0, incomeMonthly: 3000 });
    expect(await store.getPerson('b')).toEqual({ id: 'b', seq: 1, verified: true, debtMonthly: 0 });
    expect(await store.getPerson('c')).toEqual({ id: 'c', seq: 2, billsOnTimeRatio: 0.97 });
    expect(await store.getPerson('d')).toEqual({ id: 'd', seq: 3 });
    // Re-importing with the value now unknown forgets it (an upsert replaces the record).
    const again = write({ 'persons.csv': 'id,income_monthly\na,\n' });
    expect((await importFiles(store, { persons: join(again, 'persons.csv') })).updated).toBe(1);
    expect(await store.getPerson('a')).toEqual({ id: 'a', seq: 0 });
  });
});
