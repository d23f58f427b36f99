/**
 * Score reads for the API: the published run with one person's record, served score and events
 * (`Store.publishedScoresOf`), or — for the score route — the person's served score and disputed
 * events with the read's access-log entry stored in the same transaction
 * (`Store.publishedScoresLogged`). The reads of concurrent requests are made in one store call
 * (one statement, one round trip to Neo4j; batch-queue.ts): a lone request is read at once; under
 * load the requests waiting while a call is in flight share the next one. All persons of one call
 * are read from the same published run. Logged reads pass the score last read for the person
 * (served-score-cache.ts), which the store answers with when it still stands.
 */
import type { AccessLogEntry } from '../domain/safeguards.js';
import type { ScoreRun } from '../domain/scores.js';
import type { LoggedPersonScoreRead, LoggedScoreRead, PersonScoreRead, Store } from '../store/store.js';
import { BatchQueue, type BatchQueueOptions } from './batch-queue.js';
import { ServedScoreCache } from './served-score-cache.js';

/** One person's read together with the run it was served from. */
export interface PublishedScore extends PersonScoreRead {
  run: ScoreRun;
}

/** One person's logged read together with the run it was served from. */
export interface LoggedPublishedScore extends LoggedPersonScoreRead {
  run: ScoreRun;
}

export interface PublishedScoresOptions extends BatchQueueOptions {
  /** Persons whose served score is kept for the next logged read (API_SCORE_CACHE); 0 keeps none. */
  cachedPersons?: number;
}

/** Served scores kept by default: about 80 MB of one API process's memory (0.8 KB a score, measured). */
export const DEFAULT_CACHED_PERSONS = 100_000;

/**
 * @example
 * const scores = new PublishedScores(store);
 * const read = await scores.of('p42'); // undefined when no run is published
 * read?.score?.score; // 712, from read.run
 */
export class PublishedScores {
  private readonly reads: BatchQueue<string, PublishedScore | undefined>;
  private readonly loggedReads: BatchQueue<LoggedScoreRead, LoggedPublishedScore | undefined>;
  private readonly cache: ServedScoreCache;

  constructor(store: Pick<Store, 'publishedScoresOf' | 'publishedScoresLogged'>, options: PublishedScoresOptions = {}) {
    this.cache = new ServedScoreCache(options.cachedPersons ?? DEFAULT_CACHED_PERSONS);
    this.reads = new BatchQueue(async (personIds) => perPerson(await store.publishedScoresOf(personIds), personIds.length), options);
    this.loggedReads = new BatchQueue(async (reads) => perPerson(await store.publishedScoresLogged(reads), reads.length), options);
  }

  /** Store calls so far (for tests and metrics). */
  get batches(): number {
    return this.reads.batches + this.loggedReads.batches;
  }

  /** Persons whose served score is held for the next logged read. */
  get cachedPersons(): number {
    return this.cache.size;
  }

  /** Drops the person's held score (erased through this process; other processes drop it at the person's next read). */
  forget(personId: string): void {
    this.cache.forget(personId);
  }

  /** The person's part of the published run; undefined when no run is published. */
  of(personId: string): Promise<PublishedScore | undefined> {
    return this.reads.add(personId);
  }

  /**
   * The person's served score and disputed events, with `entry` appended to the access log in
   * the same transaction when the run serves the person a score; resolves once both are
   * committed. Undefined when no run is published.
   */
  async ofLogged(personId: string, entry: AccessLogEntry): Promise<LoggedPublishedScore | undefined> {
    const read = await this.loggedReads.add({ personId, entry, known: this.cache.known(personId) });
    if (read?.found && read.score) this.cache.remember(read.run.id, read.score);
    else this.cache.forget(personId);
    return read;
  }
}

/** Each person's part of a store call's read, with the run; undefined for all when no run is published. */
function perPerson<P>(read: { run: ScoreRun; persons: P[] } | undefined, count: number): ((P & { run: ScoreRun }) | undefined)[] {
  return Array.from({ length: count }, (_, k) => (read ? { run: read.run, ...read.persons[k]! } : undefined));
}
