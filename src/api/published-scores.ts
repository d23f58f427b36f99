/**
 * Score reads for the API: the published run with one person's record, served score and events
 * (`Store.publishedScoresOf`), the reads of concurrent requests made in one store call (one
 * statement, one round trip to Neo4j; batch-queue.ts). A lone request is read at once; under
 * load the requests waiting while `maxConcurrent` reads are in flight share the next one. All
 * persons of one call are read from the same published run.
 */
import type { ScoreRun } from '../domain/scores.js';
import type { PersonScoreRead, Store } from '../store/store.js';
import { BatchQueue, type BatchQueueOptions } from './batch-queue.js';

/** One person's read together with the run it was served from. */
export interface PublishedScore extends PersonScoreRead {
  run: ScoreRun;
}

/**
 * @example
 * const scores = new PublishedScores(store);
 * const read = await scores.of('p42'); // undefined when no run is published
 * read?.score?.score; // 712, from read.run
 */
export class PublishedScores {
  private readonly queue: BatchQueue<string, PublishedScore | undefined>;

  constructor(store: Pick<Store, 'publishedScoresOf'>, options: BatchQueueOptions = {}) {
    this.queue = new BatchQueue(async (personIds) => {
      const read = await store.publishedScoresOf(personIds);
      return personIds.map((_id, k) => (read ? { run: read.run, ...read.persons[k]! } : undefined));
    }, options);
  }

  /** Store calls so far (for tests and metrics). */
  get batches(): number {
    return this.queue.batches;
  }

  /** The person's part of the published run; undefined when no run is published. */
  of(personId: string): Promise<PublishedScore | undefined> {
    return this.queue.add(personId);
  }
}
