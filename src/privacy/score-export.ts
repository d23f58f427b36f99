/**
 * A bulk score export: every person a run serves a score for — score, band, the five dimensions,
 * the reason codes — streamed in seq order as NDJSON or CSV text, reading the store a page at a
 * time (the next page is read while the current one is sent), so memory stays constant however
 * large the population. The export is recorded before its first row leaves (who, when, purpose)
 * and, when it ends, how many rows it sent and the last seq; each included person's access log
 * shows it as one entry (access-log-with-exports.ts).
 *
 * `tiescore scores export` writes the text to a file, `GET /v1/runs/{id}/scores` to the response.
 */
import { randomBytes } from 'node:crypto';
import type { ApiRole } from '../domain/safeguards.js';
import type { ScoreExportFormat, ScoreExportRecord } from '../domain/score-exports.js';
import type { ScoreRun } from '../domain/scores.js';
import type { Store } from '../store/store.js';
import { exportLine, exportPreamble, exportRowOf } from './score-export-rows.js';

export const SCORE_EXPORT_DEFAULTS = {
  /** Persons per store read: one statement in Neo4j; two pages are held at a time. */
  pageSize: 10_000,
};

export interface ScoreExportRequest {
  run: ScoreRun;
  format: ScoreExportFormat;
  via: ScoreExportRecord['via'];
  /** The API key id, or `cli:<user>`. */
  actor: string;
  role: ApiRole;
  purpose: string;
  /** Resume: only rows after this seq (the last row received). */
  cursor?: number | undefined;
  /** At most this many rows. */
  limit?: number | undefined;
  pageSize?: number;
  now?: () => Date;
  /** After each page is handed on: rows so far and the last seq. */
  onProgress?: (rows: number, lastSeq: number) => void;
}

/** Why an export cannot be made; the API answers 409, the CLI prints one line. */
export class ScoreExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScoreExportError';
  }
}

export interface StartedScoreExport {
  record: ScoreExportRecord;
  /**
   * The export's text, a page at a time. Consume it to the end, or stop early (`return()`, or
   * destroying a `Readable.from` of it): either way the record is finished with what was sent.
   */
  chunks: AsyncGenerator<string, void, undefined>;
}

const exportId = (now: Date) => `exp-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;

/**
 * Records the export and returns its text. The record's range is first everything the export may
 * send, so an export whose process dies mid-way still shows in every log it may have reached.
 *
 * @example
 * const { record, chunks } = await startScoreExport(store, { run, format: 'ndjson', via: 'cli', actor: 'cli:ops', role: 'admin', purpose: 'nightly decisions' });
 * await pipeline(Readable.from(chunks), createWriteStream('scores.ndjson'));
 */
export async function startScoreExport(store: Store, request: ScoreExportRequest): Promise<StartedScoreExport> {
  const { run, format } = request;
  if (run.status !== 'complete') throw new ScoreExportError(`run ${run.id} is ${run.status}; only a complete run can be exported`);
  const now = request.now ?? (() => new Date());
  const started = now();
  const fromSeq = (request.cursor ?? -1) + 1;
  const bound = await store.seqBound();
  const record: ScoreExportRecord = {
    id: exportId(started),
    runId: run.id,
    lineage: [...run.lineage],
    format,
    via: request.via,
    actor: request.actor,
    role: request.role,
    purpose: request.purpose,
    startedAt: started.toISOString(),
    fromSeq,
    toSeq: bound - 1,
    rows: 0,
    status: 'running',
  };
  await store.createScoreExport(record);
  const pages = { limit: request.limit ?? Number.POSITIVE_INFINITY, pageSize: request.pageSize ?? SCORE_EXPORT_DEFAULTS.pageSize, onProgress: request.onProgress };
  return { record, chunks: exportChunks(store, record, run, pages, now) };
}

async function* exportChunks(
  store: Store,
  record: ScoreExportRecord,
  run: ScoreRun,
  { limit, pageSize, onProgress }: { limit: number; pageSize: number; onProgress: ScoreExportRequest['onProgress'] },
  now: () => Date,
): AsyncGenerator<string, void, undefined> {
  const end = record.toSeq + 1;
  const read = (from: number) => {
    if (from >= end) return undefined;
    const page = store.scoresInSeqRange(run, from, Math.min(from + pageSize, end)).then((scores) => ({ scores, next: from + pageSize }));
    page.catch(() => undefined); // a read left behind when the export stops early must not be an unhandled rejection
    return page;
  };
  let rows = 0;
  let lastSeq = record.fromSeq - 1;
  let complete = false;
  try {
    const preamble = exportPreamble(record.format);
    if (preamble) yield preamble;
    let pending = read(record.fromSeq);
    while (pending && rows < limit) {
      const page = await pending;
      pending = read(page.next);
      const take = page.scores.slice(0, Math.min(page.scores.length, limit - rows));
      if (take.length === 0) continue;
      let text = '';
      for (const score of take) text += exportLine(exportRowOf(score), record.format);
      rows += take.length;
      lastSeq = take[take.length - 1]!.seq;
      yield text;
      onProgress?.(rows, lastSeq);
    }
    complete = true;
  } finally {
    // Stopped early (a client gone, a failed write), the rows yielded count as sent: a person
    // whose row may have left is in the range, never the other way round.
    const ending = { finishedAt: now().toISOString(), rows, toSeq: lastSeq, status: complete ? ('complete' as const) : ('interrupted' as const) };
    Object.assign(record, ending);
    await store.finishScoreExport(record.id, ending);
  }
}
