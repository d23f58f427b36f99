/** The import progress: its rate counts from the start of the work, and the bar shows before the first batch lands. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportProgressBars } from '../../../src/cli/import-progress.js';
import { createProgress, ratePerSecond, type Progress, type ProgressOptions } from '../../../src/cli/progress.js';
import type { ImportProgress } from '../../../src/import/importer.js';
import { importFiles } from '../../../src/import/importer.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tiescore-import-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bars that record what they were asked to show. */
function recordingBars(now: () => number) {
  const shown: { label: string; detail: string }[] = [];
  const createProgress = ({ label }: ProgressOptions): Progress => ({
    update: (_done, detail = '') => shown.push({ label, detail }),
    stop: () => undefined,
  });
  return { shown, bars: new ImportProgressBars({ createProgress, now }) };
}

const event = (rows: number, file = 'persons.csv', kind: ImportProgress['kind'] = 'persons'): ImportProgress => ({ phase: 'write', kind, file, bytesRead: rows * 50, size: 1e6, rows });

describe('ratePerSecond', () => {
  it('divides by the seconds since the start', () => {
    expect(ratePerSecond(10_000, 0, 2_000)).toBe(5_000);
    expect(ratePerSecond(6_263, 1_000, 3_500)).toBeCloseTo(2_505.2, 6);
    expect(ratePerSecond(0, 0, 1_000)).toBe(0);
  });

  it('has no rate before any time has passed', () => {
    expect(ratePerSecond(5, 100, 100)).toBeUndefined();
  });
});

describe('createProgress without a terminal', () => {
  it('writes the first update at once, then a line every few seconds, and the last one at the end', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
    const bar = createProgress({ label: 'importing persons', total: 200, plainEverySeconds: 60, stream });
    bar.update(0, 'writing the first batch…');
    bar.update(100, '100 rows');
    expect(lines).toEqual(['importing persons: 0% | writing the first batch…\n']);
    bar.update(150, '150 rows');
    bar.stop();
    expect(lines).toEqual(['importing persons: 0% | writing the first batch…\n', 'importing persons: 75% | 150 rows\n']);
  });
});

describe('ImportProgressBars', () => {
  it('counts a file from the start of the work, not from its first report', () => {
    let t = 0;
    const { shown, bars } = recordingBars(() => t);
    // The first report arrives after the first batch: 6,263 rows in 2 s is 3.13K rows/s
    // (the clock that started at that report showed 62.63M rows/s).
    t = 2_000;
    bars.update(event(6_263));
    expect(shown).toEqual([{ label: 'importing persons', detail: '6.26K rows, 3.13K rows/s' }]);
  });

  it('shows the first batch being written, and starts the next file where the last one ended', () => {
    let t = 0;
    const { shown, bars } = recordingBars(() => t);
    bars.update(event(0));
    t = 1_600;
    bars.update(event(10_000));
    t = 4_000;
    bars.update(event(0, 'friendships.csv', 'friendships'));
    t = 5_000;
    bars.update(event(2_000, 'friendships.csv', 'friendships'));
    expect(shown).toEqual([
      { label: 'importing persons', detail: 'writing the first batch…' },
      { label: 'importing persons', detail: '10K rows, 6.25K rows/s' },
      { label: 'importing friendships', detail: 'writing the first batch…' },
      { label: 'importing friendships', detail: '2K rows, 2K rows/s' },
    ]);
  });

  it('is on screen while the importer writes the first batch', async () => {
    const header = 'id,verified,account_created,income_monthly,debt_monthly,assets,bills_on_time_ratio,activity_regularity,address_changes,birth_year,sex';
    const file = join(dir, 'persons.csv');
    writeFileSync(file, [header, ...Array.from({ length: 25 }, (_, i) => `q${i},true,2020-01-01,1,0,0,1,1,0,,`)].join('\n'));
    const { shown, bars } = recordingBars(() => performance.now());
    const store = new MemoryStore();
    const upsert = store.upsertPersons.bind(store);
    const shownAtWrites: string[][] = [];
    store.upsertPersons = (persons) => {
      shownAtWrites.push(shown.map((s) => s.detail));
      return upsert(persons);
    };
    await importFiles(store, { persons: file }, { batchSize: 10, onProgress: (p) => bars.update(p) });
    bars.stop();
    expect(shownAtWrites[0]).toEqual(['writing the first batch…']);
    expect(shown.map((s) => s.detail.replace(/, .* rows\/s$/, ''))).toEqual(['writing the first batch…', '10 rows', '20 rows', '25 rows']);
  });
});
