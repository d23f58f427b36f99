/**
 * The progress of `tiescore import`: one bar per file and phase, with rows and rows per second.
 * A file's clock starts when its work starts — when the command started, or the previous file
 * finished — not at its first report, which comes only after its first batch was written.
 */
import type { ImportProgress } from '../import/importer.js';
import { compactNumber, ratePerSecond, type Progress, type ProgressOptions } from './progress.js';

export interface ImportProgressDeps {
  createProgress: (options: ProgressOptions) => Progress;
  /** Milliseconds; performance.now() unless a test drives the clock. */
  now?: () => number;
}

export class ImportProgressBars {
  private current: { key: string; bar: Progress; started: number } | undefined;
  private readonly now: () => number;
  /** When the work of the next file begins: the command's start, then each file's end. */
  private boundary: number;

  constructor(private readonly deps: ImportProgressDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.boundary = this.now();
  }

  update(update: ImportProgress): void {
    const key = `${update.phase}:${update.file}`;
    if (this.current?.key !== key) {
      this.stop();
      const label = `${update.phase === 'validate' ? 'validating' : 'importing'} ${update.kind}`;
      this.current = { key, bar: this.deps.createProgress({ label, total: update.size }), started: this.boundary };
    }
    this.current.bar.update(update.bytesRead, this.detail(update, this.current.started));
  }

  stop(): void {
    if (!this.current) return;
    this.current.bar.stop();
    this.current = undefined;
    this.boundary = this.now();
  }

  private detail(update: ImportProgress, started: number): string {
    if (update.rows === 0) return update.phase === 'write' ? 'writing the first batch…' : 'reading the first batch…';
    const rate = ratePerSecond(update.rows, started, this.now());
    return `${compactNumber(update.rows)} rows, ${rate === undefined ? '–' : compactNumber(rate)} rows/s`;
  }
}
