/** The import's CSV reader against csv-parse (the reader it replaced, kept as the oracle), on any text cut into any chunks. */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader } from '../../../src/import/csv-records.js';

type Outcome = { records: [number, string[]][] } | { error: number; before?: number };

function oracle(text: string): Outcome {
  try {
    const rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, record_delimiter: ['\r\n', '\n'] }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: rows.map(({ record, info }) => [info.lines, record]) };
  } catch (error) {
    return { error: (error as { lines: number }).lines };
  }
}

function read(text: string, cuts: number[]): Outcome {
  const reader = new CsvRecordReader();
  const records: [number, string[]][] = [];
  const ends = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const end of [...ends, text.length]) {
    for (const r of reader.records(text.slice(from, end), end === text.length)) records.push([r.line, r.cells]);
    from = end;
    if (reader.failure) return { error: reader.failure.line, before: records.length };
  }
  return { records };
}

// No lone CR: both readers keep it as data, but csv-parse counts it as a line in its line numbers.
/**
 * Where both fail, only that they fail is compared (the reader names the line a quote opened on,
 * csv-parse the line it gave up on). Line numbers are compared only in texts without CRLF:
 * csv-parse counts a CRLF inside a quoted field as two lines (the reader counts line feeds).
 */
function comparable(text: string, outcome: Outcome): unknown {
  if ('error' in outcome) return 'error';
  return text.includes('\r') ? outcome.records.map(([, cells]) => cells) : outcome;
}

const csvText = fc.array(fc.constantFrom('a', 'bc', ',', '"', '""', '\n', '\r\n', ' ', 'é', '\ufeff'), { maxLength: 40 }).map((parts) => parts.join(''));

describe('CsvRecordReader', () => {
  it('reads what csv-parse reads, with the same line numbers, and fails where it fails, however the text is cut', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 5 }), (text, cuts) => {
        expect(comparable(text, read(text, cuts))).toEqual(comparable(text, oracle(text)));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads well-formed files the same, row for row', () => {
    const cell = fc.string({ maxLength: 6 }).map((s) => (/[",\r\n]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s));
    const file = fc.tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean());
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 5 }), ([rows, end, trailing], cuts) => {
        const text = rows.map((r) => r.join(',')).join(end) + (trailing ? end : '');
        expect(comparable(text, read(text, cuts))).toEqual(comparable(text, oracle(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('says on which line a quote breaks the file', () => {
    expect(read('id,n\na,b"c\n', [])).toEqual({ error: 2, before: 1 });
    expect(read('id,n\n"a"b,c\n', [])).toEqual({ error: 2, before: 1 });
    expect(read('id,n\nx,"open\nmore\n', [])).toEqual({ error: 2, before: 1 });
    const reader = new CsvRecordReader();
    expect(reader.records('x,"open\nmore', true)).toEqual([]);
    expect(reader.failure?.message).toMatch(/quoted field opened on line 1 is not closed/);
  });

  it('hands out the records before a break, then stops', () => {
    const reader = new CsvRecordReader();
    expect(reader.records('a,b\nc,d\ne"f\ng,h\n').map((r) => r.cells)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(reader.failure?.line).toBe(3);
    expect(reader.records('i,j\n', true)).toEqual([]);
  });
});
