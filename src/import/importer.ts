/**
 * Bulk import of persons, friendships, transactions and credit events into a store.
 *
 * Files are applied in dependency order (persons before the edges and events that name them).
 * Every row is validated; a bad row is reported as `FILE:LINE: reason` and skipped. With
 * `strict`, a first pass validates everything and any bad row aborts the import before anything
 * is written. Writes are idempotent upserts in batches, so importing the same files again — or
 * again after an import was killed half-way — ends in the same state as one clean run.
 */
import { ErasureHasher } from '../privacy/erasure-hasher.js';
import type { Store, UpsertResult } from '../store/store.js';
import { ErasedPersons, erasedReason, noneErased } from './erased-persons.js';
import { DATA_FILE_KINDS, type DataFileKind } from './row-schemas.js';
import { FileError, openRows } from './read-rows.js';
import { personsNamed, writeRows, type RowWriter } from './row-operations.js';

export type ImportFiles = Partial<Record<DataFileKind, string>>;

/**
 * What an import reads and writes: the row upserts, the persons already stored and the erasure
 * records — a store, or a first load's CSV writer (src/store/neo4j/bulk-csv-writer.ts).
 */
export type ImportTarget = RowWriter &
  Pick<Store, 'existingPersonIds' | 'erasureSalt' | 'erasedHashes'> & {
    /** False when the target is known to hold no erasure record (a first load's empty database): no id is hashed then. */
    holdsErasureRecords?(): boolean;
  };

export interface ImportProgress {
  phase: 'validate' | 'write';
  kind: DataFileKind;
  file: string;
  bytesRead: number;
  size: number;
  rows: number;
}

export interface ImportOptions {
  /** Abort before writing anything if any row is bad. */
  strict?: boolean;
  /** Rows a write batch holds (one transaction each in Neo4j). Default 10,000. */
  batchSize?: number;
  /** Called once per rejected row with `FILE:LINE: reason`. */
  onRejected?: (message: string) => void;
  /**
   * Called when a file's phase starts (rows 0, before the first batch is read or written) and
   * after every batch, so a progress display starts its clock with the work.
   */
  onProgress?: (progress: ImportProgress) => void;
  /** Import persons who were erased (and edges and events naming them); refused by default. */
  allowErased?: boolean;
  /** ERASURE_SALT; unset: the salt stored in the database (src/privacy/erasure-hasher.ts). */
  erasureSalt?: string | undefined;
}

export interface FileSummary extends UpsertResult {
  kind: DataFileKind;
  file: string;
  read: number;
  rejected: number;
  /** Where the file's time went (ms), to tell a parse-bound import from a database-bound one. */
  timingsMs: ImportTimings;
}

/**
 * A file's time, ms. Writes overlap parsing (one batch is written while the next is parsed), so
 * `writing` is not part of the sum; `total` = `parsing` + `checking` + `waitingForWrites`.
 */
export interface ImportTimings {
  total: number;
  /** Reading, parsing and validating rows: the parser's own time. */
  parsing: number;
  /** Reference checks: persons named by edges and events looked up, erased ids hashed and looked up. */
  checking: number;
  /** The parser idle while the database finished the previous batch: the database is behind. */
  waitingForWrites: number;
  /** Batch writes from start to commit, summed (they run beside parsing). */
  writing: number;
}

export interface ImportSummary {
  files: FileSummary[];
  read: number;
  /** Rows created or updated. */
  written: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** True when `strict` found bad rows and nothing was written. */
  aborted: boolean;
  seconds: number;
  rowsPerSecond: number;
}

type Phase = ImportProgress['phase'];

/**
 * @example
 * const summary = await importFiles(store, { persons: 'd/persons.csv', friendships: 'd/friendships.csv' }, {
 *   onRejected: (message) => console.error(message),
 * });
 */
export async function importFiles(store: ImportTarget, files: ImportFiles, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const plan = DATA_FILE_KINDS.filter((kind) => files[kind] !== undefined).map((kind) => ({ kind, file: files[kind]! }));
  if (options.strict) {
    const validated = await runPhase(store, plan, 'validate', options);
    if (validated.some((file) => file.rejected > 0)) return summarise(validated, true, started);
  }
  const written = await runPhase(store, plan, 'write', { ...options, onRejected: options.strict ? undefined : options.onRejected });
  return summarise(written, false, started);
}

async function runPhase(
  store: ImportTarget,
  plan: { kind: DataFileKind; file: string }[],
  phase: Phase,
  options: ImportOptions,
): Promise<FileSummary[]> {
  const known = new KnownPersons(store);
  const hasher = new ErasureHasher(store, options.erasureSalt);
  const erased = options.allowErased ? undefined : store.holdsErasureRecords?.() === false ? noneErased(hasher) : new ErasedPersons(store, hasher);
  const summaries: FileSummary[] = [];
  for (const { kind, file } of plan) {
    summaries.push(await importFile(store, kind, file, phase, { known, erased }, options));
  }
  return summaries;
}

async function importFile(
  store: ImportTarget,
  kind: DataFileKind,
  file: string,
  phase: Phase,
  persons: PersonChecks,
  options: ImportOptions,
): Promise<FileSummary> {
  const { known } = persons;
  const fileStarted = performance.now();
  const timings: ImportTimings = { total: 0, parsing: 0, checking: 0, waitingForWrites: 0, writing: 0 };
  const summary: FileSummary = { kind, file, read: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, timingsMs: timings };
  /** Awaits the batch in flight, counting the wait. */
  const awaitWriting = async () => {
    const t0 = performance.now();
    try {
      await writing;
    } finally {
      timings.waitingForWrites += performance.now() - t0;
    }
  };
  // Rejections are reported per batch in line order (reference checks run at the batch's end).
  let rejections: { line: number; reason: string }[] = [];
  const reject = (line: number, reason: string) => {
    summary.rejected++;
    rejections.push({ line, reason });
  };
  const reportRejections = () => {
    rejections.sort((x, y) => x.line - y.line);
    for (const { line, reason } of rejections) options.onRejected?.(`${file}${line > 0 ? `:${line}` : ''}: ${reason}`);
    rejections = [];
  };
  const batchSize = options.batchSize ?? 10_000;
  let batch: { line: number; value: unknown }[] = [];

  // One batch is written while the next is parsed and checked: the database and the parser
  // work at the same time. Batches are still written one after another, in file order.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (source: { bytesRead(): number; size: number }) => {
    const checked = performance.now();
    const accepted = await checkReferences(kind, batch, persons, reject);
    timings.checking += performance.now() - checked;
    if (kind === 'persons') known.add(accepted.map((row) => (row as { id: string }).id));
    await awaitWriting();
    if (phase === 'write' && accepted.length > 0) {
      const writeStarted = performance.now();
      writing = writeRows(store, kind, accepted).then((result) => {
        timings.writing += performance.now() - writeStarted;
        summary.created += result.created;
        summary.updated += result.updated;
        summary.unchanged += result.unchanged;
      });
      // Never an unhandled rejection: the failure surfaces at the next `await writing`.
      writing.catch(() => {});
    }
    batch = [];
    reportRejections();
    const progress = { phase, kind, file, bytesRead: source.bytesRead(), size: source.size, rows: summary.read };
    void writing.then(() => options.onProgress?.(progress), () => {});
  };

  let source: Awaited<ReturnType<typeof openRows>> | undefined;
  try {
    source = await openRows(file, kind);
    options.onProgress?.({ phase, kind, file, bytesRead: 0, size: source.size, rows: 0 });
    for await (const rows of source.batches()) {
      for (const row of rows) {
        summary.read++;
        if ('error' in row) reject(row.line, row.error);
        else batch.push(row);
        if (batch.length >= batchSize) await flush(source);
      }
    }
    await flush(source);
    await awaitWriting();
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    // The rest of the file cannot be read; the rows read before the error are imported like any
    // earlier batch (dropping them would make the outcome depend on the batch size, silently).
    if (source && batch.length > 0) await flush(source);
    await writing; // the batch in flight lands (or its failure surfaces) before the file error is reported
    reportRejections();
    summary.rejected++;
    options.onRejected?.(error.message);
  } finally {
    timings.total = performance.now() - fileStarted;
    timings.parsing = Math.max(0, timings.total - timings.checking - timings.waitingForWrites);
    for (const key of Object.keys(timings) as (keyof ImportTimings)[]) timings[key] = Math.round(timings[key]);
  }
  return summary;
}

/** What the rows of a run are checked against. */
interface PersonChecks {
  known: KnownPersons;
  /** Undefined with `allowErased`. */
  erased: Pick<ErasedPersons, 'among'> | undefined;
}

/**
 * Drops (and reports) person rows of erased persons, and edges and events that name a person who
 * is neither stored nor imported (saying so when that person was erased).
 */
async function checkReferences(
  kind: DataFileKind,
  batch: { line: number; value: unknown }[],
  { known, erased }: PersonChecks,
  reject: (line: number, reason: string) => void,
): Promise<unknown[]> {
  if (kind === 'persons') {
    const gone = erased ? await erased.among(batch.map((row) => (row.value as { id: string }).id)) : new Set<string>();
    const accepted: unknown[] = [];
    for (const row of batch) {
      const id = (row.value as { id: string }).id;
      if (gone.has(id)) reject(row.line, erasedReason(id));
      else accepted.push(row.value);
    }
    return accepted;
  }
  // The common case in one pass: every person named is known already (a file in order).
  if (batch.every((row) => personsNamed(kind, row.value).every((id) => known.has(id)))) return batch.map((row) => row.value);
  await known.load(batch.flatMap((row) => personsNamed(kind, row.value)));
  const missingOf = (row: { value: unknown }) => personsNamed(kind, row.value).find((id) => !known.has(id));
  const missing = batch.flatMap((row) => missingOf(row) ?? []);
  const gone = erased && missing.length > 0 ? await erased.among(missing) : new Set<string>();
  const accepted: unknown[] = [];
  for (const row of batch) {
    const id = missingOf(row);
    if (id === undefined) accepted.push(row.value);
    else reject(row.line, gone.has(id) ? erasedReason(id) : `person "${id}" does not exist`);
  }
  return accepted;
}

/** Person ids known to exist: imported in this run, or found in the store (looked up in batches). */
class KnownPersons {
  private readonly ids = new Set<string>();
  constructor(private readonly store: Pick<Store, 'existingPersonIds'>) {}

  add(ids: readonly string[]): void {
    for (const id of ids) this.ids.add(id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  async load(ids: readonly string[]): Promise<void> {
    const unknown = [...new Set(ids.filter((id) => !this.ids.has(id)))];
    if (unknown.length > 0) this.add([...(await this.store.existingPersonIds(unknown))]);
  }
}

function summarise(files: FileSummary[], aborted: boolean, started: number): ImportSummary {
  const total = (key: 'read' | 'created' | 'updated' | 'unchanged' | 'rejected') => files.reduce((sum, file) => sum + file[key], 0);
  const seconds = (performance.now() - started) / 1000;
  const read = total('read');
  return {
    files,
    read,
    written: total('created') + total('updated'),
    created: total('created'),
    updated: total('updated'),
    unchanged: total('unchanged'),
    rejected: total('rejected'),
    aborted,
    seconds,
    rowsPerSecond: seconds > 0 ? read / seconds : 0,
  };
}
