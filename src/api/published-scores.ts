/**
 * Score reads for the API: the published run with one person's record, served score and events
 * (`Store.publishedScoresOf`), or the same with the read's access-log entry stored in the same
 * transaction (`Store.publishedScoresLogged`). The reads of concurrent requests are made in one
 * store call (one statement, one round trip to Neo4j; batch-queue.ts): a lone request is read at
 * once; under load the requests waiting while a call is in flight share the next one. All persons
 * of one call are read from the same published run.
 */
import type { AccessLogEntry } from '../domain/safeguards.js';
import type { ScoreRun } from '../domain/scores.js';
import type { LoggedScoreRead, PersonScoreRead, PublishedScoresRead, Store } from '../store/store.js';
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
  private readonly reads: BatchQueue<string, PublishedScore | undefined>;
  private readonly loggedReads: BatchQueue<LoggedScoreRead, PublishedScore | undefined>;

  constructor(store: Pick<Store, 'publishedScoresOf' | 'publishedScoresLogged'>, options: BatchQueueOptions = {}) {
    this.reads = new BatchQueue(async (personIds) => perPerson(await store.publishedScoresOf(personIds), personIds.length), options);
    this.loggedReads = new BatchQueue(async (reads) => perPerson(await store.publishedScoresLogged(reads), reads.length), options);
  }

  /** Store calls so far (for tests and metrics). */
  get batches(): number {
    return this.reads.batches + this.loggedReads.batches;
  }

  /** The person's part of the published run; undefined when no run is published. */
  of(personId: string): Promise<PublishedScore | undefined> {
    return this.reads.add(personId);
  }

  /**
   * `of`, with `entry` appended to the access log in the same transaction when the run serves the
   * person a score; resolves once both are committed.
   */
  ofLogged(personId: string, entry: AccessLogEntry): Promise<PublishedScore | undefined> {
    return this.loggedReads.add({ personId, entry });
  }
}

function perPerson(read: PublishedScoresRead | undefined, count: number): (PublishedScore | undefined)[] {
  return Array.from({ length: count }, (_, k) => (read ? { run: read.run, ...read.persons[k]! } : undefined));
}
