/**
 * Reads a data file — CSV with a header row, or NDJSON when the name ends in `.ndjson` — a batch
 * of rows at a time, each row checked by its file's rules (row-cells.ts for CSV cells, the schema
 * of row-schemas.ts for NDJSON objects): a record, or the row's problem. A structural problem of
 * one row (wrong column count, a line that is not a JSON object) is that row's problem; problems
 * of the whole file (unreadable, bad header, broken CSV quoting) throw a `FileError`, after the
 * rows read before it were handed out.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { CsvRecordReader } from './csv-records.js';
import { cellsReader } from './row-cells.js';
import { DATA_FILES, parseRow, type DataFileKind } from './row-schemas.js';

/** One row of a file: its record, or why it was refused. */
export type ReadRow = { line: number; value: unknown } | { line: number; error: string };

export interface RowSource {
  /** File size in bytes (for progress). */
  size: number;
  /** Bytes read so far. */
  bytesRead(): number;
  /** The rows, in file order, a batch (of about one read of the file) at a time. */
  batches(): AsyncIterable<ReadRow[]>;
}

/** A problem that makes the rest of a file unreadable; `line` is 0 when it is not about one line. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${reason}`);
    this.name = 'FileError';
  }
}

/** What a file's header may and must name. */
export interface HeaderRules {
  /** Every column the file may have. */
  columns: readonly string[];
  /** Columns that must be present in the header (CSV) or in each object (checked by the schema). */
  required: readonly string[];
}

/**
 * @example
 * const source = await openRows('data/persons.csv', 'persons');
 * for await (const batch of source.batches()) for (const row of batch) if ('value' in row) console.log(row.line, row.value);
 */
export async function openRows(path: string, kind: DataFileKind): Promise<RowSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FileError(path, 0, 'is not a file');
    size = info.size;
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(path, 0, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let bytes = 0;
  const open = () => {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => (bytes += chunk.length));
    return stream;
  };
  const batches = path.toLowerCase().endsWith('.ndjson') ? () => ndjsonBatches(open(), path, kind) : () => csvBatches(open(), path, kind);
  return { size, bytesRead: () => bytes, batches };
}

async function* csvBatches(input: AsyncIterable<Buffer>, file: string, kind: DataFileKind): AsyncIterable<ReadRow[]> {
  const records = new CsvRecordReader();
  const decoder = new StringDecoder('utf8');
  let header: string[] | undefined;
  let readCells: ReturnType<typeof cellsReader> | undefined;
  const rowsOf = (text: string, final: boolean): ReadRow[] => {
    const rows: ReadRow[] = [];
    for (const { line, cells } of records.records(text, final)) {
      if (!header) {
        header = cells.map((name) => name.trim());
        checkHeader(file, header, DATA_FILES[kind]);
        readCells = cellsReader(kind, header);
        continue;
      }
      if (cells.length !== header.length) {
        rows.push({ line, error: `expected ${header.length} columns, found ${cells.length}` });
        continue;
      }
      const read = readCells!(cells);
      rows.push(read.ok ? { line, value: read.value } : { line, error: read.reason });
    }
    return rows;
  };
  try {
    for await (const chunk of input) {
      const rows = rowsOf(decoder.write(chunk), false);
      if (rows.length > 0) yield rows;
      if (records.failure) break;
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(file, 0, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const rows = rowsOf(decoder.end(), true);
  if (rows.length > 0) yield rows;
  if (records.failure) throw new FileError(file, records.failure.line, `unreadable CSV (${records.failure.message})`);
  if (!header) throw new FileError(file, 0, 'is empty (a header row is required)');
}

function checkHeader(file: string, header: string[], rules: HeaderRules): void {
  const unknown = header.filter((name) => !rules.columns.includes(name));
  if (unknown.length > 0) throw new FileError(file, 1, `unknown column ${unknown.map((n) => `"${n}"`).join(', ')} (expected ${rules.columns.join(',')})`);
  const duplicate = header.find((name, i) => header.indexOf(name) !== i);
  if (duplicate) throw new FileError(file, 1, `column "${duplicate}" appears twice`);
  const missing = rules.required.filter((name) => !header.includes(name));
  if (missing.length > 0) throw new FileError(file, 1, `missing column ${missing.map((n) => `"${n}"`).join(', ')}`);
}

async function* ndjsonBatches(input: NodeJS.ReadableStream, file: string, kind: DataFileKind): AsyncIterable<ReadRow[]> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  const schema = DATA_FILES[kind].schema;
  let line = 0;
  let batch: ReadRow[] = [];
  try {
    for await (const raw of lines) {
      line++;
      // A byte-order mark (as Windows tools write) is not part of the first row, as in CSV files.
      const text = line === 1 ? raw.replace(/^\ufeff/, '') : raw;
      if (text.trim() === '') continue;
      batch.push(ndjsonRow(text, line, schema));
      if (batch.length >= NDJSON_BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (batch.length > 0) yield batch;
    throw new FileError(file, line, `unreadable (${(error as Error).message})`);
  }
  if (batch.length > 0) yield batch;
}

const NDJSON_BATCH = 10_000;

function ndjsonRow(text: string, line: number, schema: (typeof DATA_FILES)[DataFileKind]['schema']): ReadRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, error: 'not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { line, error: 'must be a JSON object' };
  const read = parseRow(schema as never, value);
  return read.ok ? { line, value: read.value } : { line, error: read.reason };
}
