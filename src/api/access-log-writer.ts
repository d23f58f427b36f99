/**
 * The access log's writer: appends the entries of concurrent reads together, in one store
 * transaction (group commit), instead of one write transaction per read.
 *
 * `append(entry)` resolves only after the transaction holding the entry has committed, and
 * rejects when that transaction failed. A read awaits it before answering, so — exactly as with
 * one write per read — no score or explanation leaves the server without its entry stored, and
 * an entry can only be missing for a read that was never answered (a failed batch fails every
 * read in it: 503/500). Nothing is buffered past a response, so a crash loses no entry of an
 * answered read.
 *
 * At most `maxConcurrentWrites` batches are written at a time. Entries arriving meanwhile wait
 * and go together in the next batch (at most `maxBatch` entries). Under light load a batch holds
 * one entry and costs what a single write did, with no timer delay; under load the number of
 * write transactions stays about constant while each carries more entries.
 */
import type { AccessLogEntry } from '../domain/safeguards.js';
import type { Store } from '../store/store.js';

export interface AccessLogWriterOptions {
  /** Batches written at the same time. */
  maxConcurrentWrites?: number;
  /** Most entries in one batch. */
  maxBatch?: number;
}

const DEFAULTS: Required<AccessLogWriterOptions> = { maxConcurrentWrites: 2, maxBatch: 1_000 };

interface Waiting {
  entry: AccessLogEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * @example
 * const accessLog = new AccessLogWriter(store);
 * await accessLog.append({ personId: 'p42', at: now.toISOString(), kind: 'score', actor: keyId, role: 'analyst' });
 * // the entry is committed: now answer the read
 */
export class AccessLogWriter {
  private readonly waiting: Waiting[] = [];
  private writing = 0;
  private readonly options: Required<AccessLogWriterOptions>;
  /** Batches written so far (for tests and metrics). */
  batches = 0;

  constructor(
    private readonly store: Pick<Store, 'appendAccessLogs'>,
    options: AccessLogWriterOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Appends one entry; resolves once it is committed. */
  append(entry: AccessLogEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      this.writeNext();
    });
  }

  /** Appends several entries (the same batch when they fit); resolves once all are committed. */
  async appendAll(entries: readonly AccessLogEntry[]): Promise<void> {
    await Promise.all(entries.map((entry) => this.append(entry)));
  }

  private writeNext(): void {
    while (this.waiting.length > 0 && this.writing < this.options.maxConcurrentWrites) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.writing++;
      this.batches++;
      // Through a promise, so that even a synchronous throw settles the batch.
      Promise.resolve(batch.map((waiting) => waiting.entry))
        .then((entries) => this.store.appendAccessLogs(entries))
        .then(
        () => this.settle(batch, (waiting) => waiting.resolve()),
        (error: unknown) => this.settle(batch, (waiting) => waiting.reject(error)),
      );
    }
  }

  private settle(batch: Waiting[], outcome: (waiting: Waiting) => void): void {
    this.writing--;
    for (const waiting of batch) outcome(waiting);
    this.writeNext();
  }
}
