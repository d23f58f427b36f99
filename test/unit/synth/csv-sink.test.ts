import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, CsvSink, MAX_ROW_BYTES } from '../../../src/synth/csv-sink.js';

const root = mkdtempSync(join(tmpdir(), 'tiescore-sink-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('CsvSink', () => {
  it('writes every row in order across many chunks, asking for a flush before a chunk overflows', async () => {
    const path = join(root, 'many.csv');
    const sink = new CsvSink(path, 'k,v');
    let flushes = 0;
    const rows = 200_000;
    for (let k = 0; k < rows; k++) {
      if (sink.add(`${k},${'x'.repeat(k % 50)}\n`)) {
        flushes++;
        await sink.flush();
      }
    }
    await sink.close();
    const text = readFileSync(path, 'latin1');
    const lines = text.split('\n');
    expect(lines[0]).toBe('k,v');
    expect(lines.length).toBe(rows + 2); // header + rows + the empty tail after the last newline
    expect(lines[rows]).toBe(`${rows - 1},${'x'.repeat((rows - 1) % 50)}`);
    expect(sink.rows).toBe(rows);
    expect(sink.bytes).toBe(text.length);
    expect(flushes).toBeGreaterThanOrEqual(Math.floor(text.length / CHUNK_BYTES));
  });

  it('grows rather than truncates when rows are added past a due flush', async () => {
    const path = join(root, 'burst.csv');
    const sink = new CsvSink(path, 'h');
    const row = `${'y'.repeat(MAX_ROW_BYTES - 1)}\n`;
    for (let k = 0; k < 600; k++) sink.add(row); // > 2 MiB without a flush
    await sink.close();
    expect(readFileSync(path).length).toBe(2 + 600 * MAX_ROW_BYTES);
  });

  it('refuses an over-long row and reports an unwritable file', async () => {
    const sink = new CsvSink(join(root, 'long.csv'), 'h');
    expect(() => sink.add('z'.repeat(MAX_ROW_BYTES + 1))).toThrow(/synth\/csv-sink: row of/);
    await sink.close();
    const bad = new CsvSink(join(root, 'missing-dir', 'x.csv'), 'h');
    await expect(bad.close()).rejects.toThrow(/ENOENT/);
  });
});
