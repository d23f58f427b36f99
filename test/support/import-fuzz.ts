/**
 * Fuzzed import files for the importer and `tiescore import`: for each of the four files, CSV or
 * NDJSON, rows that fit their schema, rows wrong in one field, rows that are surely bad
 * (a required value missing, a person that does not exist, a line that is not a row), blank
 * lines, CRLF, a BOM. And the yardstick: a store's records read through the Store interface,
 * so that two stores (or two adapters) can be compared.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { DATA_FILE_KINDS, DATA_FILES, type DataFileKind } from '../../src/import/row-schemas.js';
import type { Store } from '../../src/store/store.js';
import { hostileString } from './hostile-values.js';
import { friendshipBatchRows, transactionBatchRows } from './edge-rows.js';
import { exactValue, nearlyExactObject, type FuzzWorld } from './route-fuzz.js';
import { canonical } from './store-content.js';

/** One row as generated: the values, and whether it is sure to be refused. */
export interface FuzzRow {
  values: Record<string, unknown> | { garbage: string };
  surelyBad: boolean;
}

export interface FuzzFile {
  kind: DataFileKind;
  format: 'csv' | 'ndjson';
  rows: FuzzRow[];
  /** Column order of a CSV header. */
  header: string[];
  crlf: boolean;
  bom: boolean;
  /** Blank lines before these row indexes. */
  blankBefore: number[];
}

const PERSON_REFS: Record<DataFileKind, string[]> = { persons: [], friendships: ['a', 'b'], transactions: ['from', 'to'], events: ['person_id'], outcomes: ['person_id'] };

function rowArbitrary(kind: DataFileKind, world: FuzzWorld): fc.Arbitrary<FuzzRow> {
  const spec = DATA_FILES[kind];
  const schema = z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }) as never;
  const exact = exactValue(schema, world) as fc.Arbitrary<Record<string, unknown>>;
  const refs = PERSON_REFS[kind];
  const dates = spec.required.filter((c) => ['account_created', 'since', 'last_at', 'at'].includes(c));
  const surelyBad = fc.oneof(
    // A required value missing.
    fc.tuple(exact, fc.constantFrom(...spec.required)).map(([row, column]) => {
      const out = { ...row };
      delete out[column];
      return out;
    }),
    // A person who exists nowhere (edges and events only).
    ...(refs.length > 0 ? [fc.tuple(exact, fc.constantFrom(...refs), fc.nat(999)).map(([row, column, k]) => ({ ...row, [column]: `ghost-${k}` }))] : []),
    // A calendar date that does not exist (files with a required date).
    ...(dates.length > 0 ? [fc.tuple(exact, fc.constantFrom(...dates)).map(([row, column]) => ({ ...row, [column]: '2026-02-30' }))] : []),
  );
  return fc.oneof(
    { weight: 4, arbitrary: exact.map((values) => ({ values, surelyBad: false })) },
    { weight: 3, arbitrary: (nearlyExactObject(schema, world) as fc.Arbitrary<Record<string, unknown>>).map((values) => ({ values, surelyBad: false })) },
    { weight: 2, arbitrary: surelyBad.map((values) => ({ values, surelyBad: true })) },
    { weight: 1, arbitrary: hostileString().map((garbage) => ({ values: { garbage }, surelyBad: true })) },
  );
}

export function fuzzFile(kind: DataFileKind, world: FuzzWorld): fc.Arbitrary<FuzzFile> {
  const columns = [...DATA_FILES[kind].columns];
  return fc.record({
    kind: fc.constant(kind),
    format: fc.constantFrom('csv' as const, 'ndjson' as const),
    rows: fc.array(rowArbitrary(kind, world), { maxLength: 12 }),
    header: fc.shuffledSubarray(columns, { minLength: columns.length, maxLength: columns.length }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    blankBefore: fc.array(fc.nat(12), { maxLength: 2 }),
  });
}

/** One value as a CSV field: always quoted; no line breaks, so one row is one line. */
function csvField(value: unknown): string {
  const text = value === undefined ? '' : typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return `"${text.replace(/[\r\n]/g, ' ').replace(/"/g, '""')}"`;
}

/** The file's lines, each with the index of the row it holds (undefined for the header and blank lines). */
export function fileLines(file: FuzzFile): { text: string; row: number | undefined }[] {
  const lines: { text: string; row: number | undefined }[] = [];
  if (file.format === 'csv') lines.push({ text: file.header.join(','), row: undefined });
  file.rows.forEach((row, index) => {
    for (const at of file.blankBefore) if (at === index) lines.push({ text: '', row: undefined });
    let text: string;
    if ('garbage' in row.values) {
      text = file.format === 'csv' ? [...file.header, 'extra'].map(() => csvField(row.values.garbage)).join(',') : String(row.values.garbage).replace(/[\r\n]/g, ' ');
      if (file.format === 'ndjson' && /^\s*\{.*\}\s*$/.test(text)) text = `[${text}]`; // must not be a JSON object
      if (text.trim() === '') text = 'not json';
    } else {
      text = file.format === 'csv' ? file.header.map((column) => csvField((row.values as Record<string, unknown>)[column])).join(',') : JSON.stringify(row.values);
    }
    lines.push({ text, row: index });
  });
  return lines;
}

/** Writes the file into `dir` (as `kind.csv` or `kind.ndjson`), keeping only the lines `keep` accepts; returns its path. */
export async function writeFuzzFile(dir: string, file: FuzzFile, keep: (lineNumber: number) => boolean = () => true): Promise<string> {
  const path = join(dir, `${file.kind}.${file.format}`);
  const lines = fileLines(file)
    .map((line, k) => ({ ...line, number: k + 1 }))
    .filter((line) => line.row === undefined || keep(line.number))
    .map((line) => line.text);
  const end = file.crlf ? '\r\n' : '\n';
  const text = (file.bom ? '\ufeff' : '') + lines.map((line) => line + end).join('');
  await writeFile(path, text);
  return path;
}

/** Line numbers (1-based) of the rows that are surely bad. */
export function surelyBadLines(file: FuzzFile): number[] {
  return fileLines(file).flatMap((line, k) => (line.row !== undefined && file.rows[line.row]!.surelyBad ? [k + 1] : []));
}

/** `FILE:LINE: reason` messages of the importer, by file, as row-level rejected line numbers. */
export function rejectedLines(messages: readonly string[], path: string): Set<number> {
  const lines = new Set<number>();
  for (const message of messages) {
    if (!message.startsWith(`${path}:`)) continue;
    const match = /^:(\d+): /.exec(message.slice(path.length));
    if (match) lines.add(Number(match[1]));
  }
  return lines;
}

export const KINDS = DATA_FILE_KINDS;

/** A store's records, read through the Store interface (the same for both adapters). */
export async function storeRecords(store: Store): Promise<string> {
  const bound = await store.seqBound();
  const persons = await store.personsInSeqRange(0, bound);
  const events = [...(await store.eventsInSeqRange(0, bound)).entries()].sort((a, b) => a[0] - b[0]).map(([seq, list]) => [seq, [...list].sort((x, y) => (x.id < y.id ? -1 : 1))]);
  const friendships: unknown[] = [];
  for (const f of (await friendshipBatchRows(store.friendshipBatches(10_000))).flat()) friendships.push({ ...f, a: Math.min(f.a, f.b), b: Math.max(f.a, f.b) });
  const transactions: unknown[] = (await transactionBatchRows(store.transactionBatches(10_000))).flat();
  const sorted = (list: unknown[]) => list.map((item) => canonical(item)).sort();
  return canonical({ persons, events, friendships: sorted(friendships), transactions: sorted(transactions), counts: await store.counts() });
}
