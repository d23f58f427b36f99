/**
 * `tiescore scores export` without its option parsing: resolves the run, records the export and
 * streams its text (gzipped for `.gz`) into FILE.part, renamed to FILE once complete — a file
 * named FILE is always a whole export. Progress on stderr counts from the start.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { ScoreExportFormat } from '../domain/score-exports.js';
import { ScoreExportError, startScoreExport } from '../privacy/score-export.js';
import type { Store } from '../store/store.js';
import { CliError } from './cli-error.js';
import { compactNumber, createProgress, ratePerSecond } from './progress.js';

export interface ScoreExportFileRequest {
  out: string;
  format: ScoreExportFormat;
  gzip: boolean;
  purpose: string;
  run?: string | undefined;
  cursor?: number | undefined;
  limit?: number | undefined;
  /** Persons per store read (default 10,000). */
  pageSize?: number;
  /** Progress bars on stderr; off for tests. Default true. */
  progress?: boolean;
}

export interface ScoreExportFileSummary {
  exportId: string;
  runId: string;
  file: string;
  format: ScoreExportFormat;
  gzip: boolean;
  rows: number;
  seconds: number;
}

export async function writeScoreExport(store: Store, request: ScoreExportFileRequest): Promise<ScoreExportFileSummary> {
  const started = performance.now();
  const run = request.run === undefined ? await store.publishedRun() : await store.getRun(request.run);
  if (!run) throw new CliError(request.run === undefined ? 'no run is published yet: give --run RUN, or publish one (tiescore recompute)' : `no run "${request.run}"`);
  const total = Math.max(0, (await store.seqBound()) - (request.cursor ?? -1) - 1);
  const bar = request.progress === false ? undefined : createProgress({ label: 'exporting scores', total: request.limit === undefined ? total : Math.min(total, request.limit) });
  bar?.update(0, 'reading the first page…');
  let exported;
  try {
    exported = await startScoreExport(store, {
      run,
      format: request.format,
      via: 'cli',
      actor: `cli:${userInfo().username}`,
      role: 'admin',
      purpose: request.purpose,
      cursor: request.cursor,
      limit: request.limit,
      pageSize: request.pageSize,
      onProgress: (rows) => bar?.update(rows, `${compactNumber(rows)} rows, ${compactNumber(ratePerSecond(rows, started, performance.now()) ?? 0)} rows/s`),
    });
  } catch (error) {
    bar?.stop();
    throw error instanceof ScoreExportError ? new CliError(error.message) : error;
  }
  const part = `${request.out}.part`;
  const stages: (Readable | Transform)[] = [Readable.from(exported.chunks, { objectMode: false })];
  if (request.gzip) stages.push(createGzip());
  try {
    await pipeline([...stages, createWriteStream(part)]);
    await rename(part, request.out);
  } catch (error) {
    await rm(part, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new CliError(`cannot write ${request.out}: ${code}`);
    throw error;
  } finally {
    bar?.stop();
  }
  return {
    exportId: exported.record.id,
    runId: run.id,
    file: request.out,
    format: request.format,
    gzip: request.gzip,
    rows: exported.record.rows,
    seconds: (performance.now() - started) / 1000,
  };
}
