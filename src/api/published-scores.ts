/**
 * Score reads for the API: the published run with one person's record, served score and events
 * (`Store.publishedScoresOf`), or — for the score route — the person's served score and disputed
 * events with the read's access-log entry stored in the same transaction
 * (`Store.publishedScoresLogged`). The reads of concurrent requests are made in one store call
 * (one statement, one round trip to Neo4j; batch-queue.ts): a lone request is read at once; under
 * load the requests waiting while a call is in flight share the next one. All persons of one call
 * are read from the same published run. Logged reads pass the score last read for the person
 * (served-score-cache.ts), which the store answers with when it still stands.
 *
 * With `warmFrom`, the first logged read under a run starts filling the cache with that run's
 * scores in the background, by seq ranges, until the cache is full (all of a population that
 * fits in it): later reads then pass a held score from the first one on, and Neo4j skips their
 * score blocks. Every read is still checked and logged in its own transaction.
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
  /** Where the cache's warm-up reads a run's scores; none: the cache holds only what reads brought. */
  warmFrom?: Pick<Store, 'seqBound' | 'scoresInSeqRange'>;
  /** Told when a warm-up ends: the run, the persons then held, how long it took, and the error that stopped it if one did. */
  onWarmed?: (warmUp: CacheWarmUp) => void;
}

/** How a warm-up of the served-score cache ended. */
export interface CacheWarmUp {
  runId: string;
  /** Persons held when it ended. */
  persons: number;
  ms: number;
  error?: unknown;
}

/** Seqs a warm-up reads at a time (one read statement each). */
export const WARM_UP_SEQS = 10_000;

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
  /** The run the cache was last warmed with (or is being warmed with). */
  private warmedRunId: string | undefined;

  constructor(
    store: Pick<Store, 'publishedScoresOf' | 'publishedScoresLogged'>,
    private readonly options: PublishedScoresOptions = {},
  ) {
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
    if (read) this.warm(read.run);
    return read;
  }

  /** Starts filling the cache with `run`'s scores in the background, once per run. */
  private warm(run: ScoreRun): void {
    const from = this.options.warmFrom;
    if (!from || this.warmedRunId === run.id || this.cache.full) return;
    this.warmedRunId = run.id;
    const started = performance.now();
    const report = (error?: unknown) =>
      this.options.onWarmed?.({ runId: run.id, persons: this.cache.size, ms: Math.round(performance.now() - started), ...(error === undefined ? {} : { error }) });
    // A warm-up that fails is told (logged) and given up: the cache then fills from reads, as without one.
    fillFromRun(this.cache, from, run).then(() => report(), report).catch(() => undefined);
  }
}

/** Reads `run`'s scores by seq ranges into the cache until it is full, all are read, or the cache moves to another run. */
async function fillFromRun(cache: ServedScoreCache, store: Pick<Store, 'seqBound' | 'scoresInSeqRange'>, run: ScoreRun): Promise<void> {
  const seqBound = await store.seqBound();
  for (let from = 0; from < seqBound && !cache.full; from += WARM_UP_SEQS) {
    if (!cache.fill(run.id, await store.scoresInSeqRange(run, from, Math.min(seqBound, from + WARM_UP_SEQS)))) return;
  }
}

/** Each person's part of a store call's read, with the run; undefined for all when no run is published. */
function perPerson<P>(read: { run: ScoreRun; persons: P[] } | undefined, count: number): ((P & { run: ScoreRun }) | undefined)[] {
  return Array.from({ length: count }, (_, k) => (read ? { run: read.run, ...read.persons[k]! } : undefined));
}
