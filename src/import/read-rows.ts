/**
 * Reads a data file row by row — CSV with a header row, or NDJSON when the name ends in
 * `.ndjson` — as raw `{ column: value }` objects with their line numbers, for the row schemas
 * to validate. Structural problems of one row (wrong column count, a line that is not a JSON
 * object) come back as that row's error; problems of the whole file (unreadable, bad header,
 * broken CSV quoting) throw a `FileError`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

export type RawRow = { line: number; raw: Record<string, unknown> } | { line: number; error: string };

export interface RowSource {
  /** File size in bytes (for progress). */
  size: number;
  /** Bytes read so far. */
  bytesRead(): number;
  rows(): AsyncIterable<RawRow>;
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

export interface HeaderRules {
  /** Every column the file may have. */
  columns: readonly string[];
  /** Columns that must be present in the header (CSV) or in each object (checked by the schema). */
  required: readonly string[];
}

/**
 * @example
 * const source = await openRows('data/persons.csv', DATA_FILES.persons);
 * for await (const row of source.rows()) if ('raw' in row) console.log(row.line, row.raw.id);
 */
export async function openRows(path: string, rules: HeaderRules): Promise<RowSource> {
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
    const stream = createReadStream(path);
    stream.on('data', (chunk) => (bytes += chunk.length));
    return stream;
  };
  const rows = path.toLowerCase().endsWith('.ndjson') ? () => ndjsonRows(open(), path) : () => csvRows(open(), path, rules);
  return { size, bytesRead: () => bytes, rows };
}

async function* csvRows(input: NodeJS.ReadableStream, file: string, rules: HeaderRules): AsyncIterable<RawRow> {
  // Both line endings, whichever each line has: csv-parse otherwise takes the first line's for
  // the whole file, and a file edited on two systems would merge rows (an LF row glued to the next).
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, record_delimiter: ['\r\n', '\n'] }));
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((name) => name.trim());
        checkHeader(file, header, rules);
        continue;
      }
      if (record.length !== header.length) {
        yield { line: info.lines, error: `expected ${header.length} columns, found ${record.length}` };
        continue;
      }
      const raw: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) raw[header[i]!] = record[i];
      yield { line: info.lines, raw };
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    const { message, lines } = error as { message?: string; lines?: number };
    throw new FileError(file, lines ?? 0, `unreadable CSV (${(message ?? String(error)).replace(/\s+/g, ' ')})`);
  }
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

async function* ndjsonRows(input: NodeJS.ReadableStream, file: string): AsyncIterable<RawRow> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      // A byte-order mark (as Windows tools write) is not part of the first row, as in CSV files.
      const text = line === 1 ? raw.replace(/^\ufeff/, '') : raw;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        yield { line, error: 'not valid JSON' };
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield { line, error: 'must be a JSON object' };
        continue;
      }
      yield { line, raw: value as Record<string, unknown> };
    }
  } catch (error) {
    throw new FileError(file, line, `unreadable (${(error as Error).message})`);
  }
}
