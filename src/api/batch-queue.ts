/**
 * Runs the work of concurrent requests together — the group-commit (or DataLoader) pattern the
 * API uses for its hot store calls: score reads (published-scores.ts) and access-log appends
 * (access-log-writer.ts). One store call for several requests costs about what one call for one
 * request did — a network round trip and a transaction — so under load the calls per second stay
 * about constant while each carries more requests.
 *
 * `add(item)` queues an item and resolves with its result once the batch holding it has run, or
 * rejects with the batch's error. At most `maxConcurrent` batches run at a time; items arriving
 * meanwhile wait, and go together in the next batch (at most `maxBatch` items). With a batch slot
 * free an item runs at once, alone: there is no timer, so a lone request waits for nothing.
 */

export interface BatchQueueOptions {
  /** Batches running at the same time. */
  maxConcurrent?: number;
  /** Most items in one batch. */
  maxBatch?: number;
}

/**
 * One batch at a time by default: on the score-read benchmark (BENCHMARKS.md, "API") a second
 * concurrent batch halved the batch size and cost Neo4j more CPU per request (its cost is mostly
 * per transaction) for no gain in latency.
 */
const DEFAULTS: Required<BatchQueueOptions> = { maxConcurrent: 1, maxBatch: 500 };

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

/**
 * @example
 * const reads = new BatchQueue((ids: string[]) => store.scoresOf(ids)); // one result per id, in order
 * const score = await reads.add('p42');
 */
export class BatchQueue<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private running = 0;
  private readonly options: Required<BatchQueueOptions>;
  /** Batches run so far (for tests and metrics). */
  batches = 0;

  /** @param run does the work of a batch and returns one result per item, in the items' order. */
  constructor(
    private readonly run: (items: I[]) => Promise<readonly O[]>,
    options: BatchQueueOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Queues one item; resolves with its result once its batch has run. */
  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.runNext();
    });
  }

  private runNext(): void {
    while (this.waiting.length > 0 && this.running < this.options.maxConcurrent) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.running++;
      this.batches++;
      void this.runBatch(batch);
    }
  }

  private async runBatch(batch: Waiting<I, O>[]): Promise<void> {
    let outcome: () => void;
    try {
      const results = await this.run(batch.map((waiting) => waiting.item));
      if (results.length !== batch.length) throw new Error(`batch-queue: ${results.length} results for ${batch.length} items`);
      outcome = () => batch.forEach((waiting, k) => waiting.resolve(results[k]!));
    } catch (error) {
      outcome = () => batch.forEach((waiting) => waiting.reject(error));
    }
    this.running--;
    outcome();
    this.runNext();
  }
}
