/**
 * The access log's writer: appends the entries of concurrent reads together, in one store
 * transaction (group commit, batch-queue.ts), instead of one write transaction per read.
 *
 * `append(entry)` resolves only after the transaction holding the entry has committed, and
 * rejects when that transaction failed. A read awaits it before answering, so — exactly as with
 * one write per read — no score or explanation leaves the server without its entry stored, and
 * an entry can only be missing for a read that was never answered (a failed batch fails every
 * read in it: 503/500). Nothing is buffered past a response, so a crash loses no entry of an
 * answered read.
 *
 * At most `maxConcurrent` batches are written at a time (default 1); entries arriving meanwhile
 * go together in the next one. Under light load a batch holds one entry and costs what a single
 * write did; under load the write transactions per second stay about constant.
 */
import type { AccessLogEntry } from '../domain/safeguards.js';
import type { Store } from '../store/store.js';
import { BatchQueue, type BatchQueueOptions } from './batch-queue.js';

/**
 * @example
 * const accessLog = new AccessLogWriter(store);
 * await accessLog.append({ personId: 'p42', at: now.toISOString(), kind: 'score', actor: keyId, role: 'analyst' });
 * // the entry is committed: now answer the read
 */
export class AccessLogWriter {
  private readonly queue: BatchQueue<AccessLogEntry, undefined>;

  constructor(store: Pick<Store, 'appendAccessLogs'>, options: BatchQueueOptions = {}) {
    this.queue = new BatchQueue<AccessLogEntry, undefined>(async (entries) => {
      await store.appendAccessLogs(entries);
      return entries.map(() => undefined);
    }, options);
  }

  /** Write transactions so far (for tests and metrics). */
  get batches(): number {
    return this.queue.batches;
  }

  /** Appends one entry; resolves once it is committed. */
  append(entry: AccessLogEntry): Promise<void> {
    return this.queue.add(entry);
  }

  /** Appends several entries (the same batch when they fit); resolves once all are committed. */
  async appendAll(entries: readonly AccessLogEntry[]): Promise<void> {
    await Promise.all(entries.map((entry) => this.append(entry)));
  }
}
