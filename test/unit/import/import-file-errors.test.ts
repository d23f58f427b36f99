/** Files the importer cannot read to the end, and files with a byte-order mark. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/import/importer.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';

const HEADER = 'id,verified,account_created,income_monthly,debt_monthly,assets,bills_on_time_ratio,activity_regularity,address_changes';
const row = (id: string) => `${id},true,2020-01-01,1000,100,500,0.9,0.8,0`;

describe('importer: file-level problems', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiescore-file-errors-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('rows before broken CSV quoting are imported, whatever the batch size; the break is reported', async () => {
    const path = join(dir, 'persons.csv');
    await writeFile(path, [HEADER, row('a'), row('b'), row('c'), '"d,true,2020-01-01,1,1,1,0.5,0.5,0', row('e'), ''].join('\n'));
    for (const batchSize of [1, 2, 10_000]) {
      const store = new MemoryStore();
      const messages: string[] = [];
      const summary = await importFiles(store, { persons: path }, { batchSize, onRejected: (m) => messages.push(m) });
      expect((await store.personsInSeqRange(0, 10)).map((p) => p.id), `batch size ${batchSize}`).toEqual(['a', 'b', 'c']);
      expect(summary.rejected).toBe(1);
      expect(messages).toEqual([expect.stringMatching(/persons\.csv:\d+: unreadable CSV/)]);
    }
  });

  it('a CSV file with mixed CRLF and LF line endings is read row by row, with the right line numbers', async () => {
    const path = join(dir, 'mixed.csv');
    await writeFile(path, `${HEADER}\r\n${row('a')}\n${row('b')}\r\n${row('c')}\nbad,row\r\n${row('d')}`);
    const store = new MemoryStore();
    const messages: string[] = [];
    const summary = await importFiles(store, { persons: path }, { onRejected: (m) => messages.push(m) });
    expect((await store.personsInSeqRange(0, 10)).map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(summary.rejected).toBe(1);
    expect(messages).toEqual([expect.stringMatching(/mixed\.csv:5: expected 9 columns, found 2/)]);
  });

  it('an NDJSON file starting with a byte-order mark keeps its first row', async () => {
    const path = join(dir, 'persons.ndjson');
    const person = (id: string) => JSON.stringify({ id, verified: true, account_created: '2020-01-01', income_monthly: 1, debt_monthly: 0, assets: 0, bills_on_time_ratio: 1, activity_regularity: 1, address_changes: 0 });
    await writeFile(path, `\ufeff${person('first')}\n${person('second')}\n`);
    const store = new MemoryStore();
    const summary = await importFiles(store, { persons: path });
    expect(summary.rejected).toBe(0);
    expect((await store.personsInSeqRange(0, 10)).map((p) => p.id)).toEqual(['first', 'second']);
  });
});
