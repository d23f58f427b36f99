/**
 * The served scores an API process has read lately, so that the score route's next read of the
 * same person need not load the person's score block from Neo4j again (the block's entries are
 * read whole: about a third of a score read's cost there, docs/design.md, "Neo4j").
 *
 * A published run's served scores never change, so a score read under run R is the answer for
 * as long as R is published; the store checks, in the read's own transaction, that R is still
 * the published run and that the person still exists with the score's seq
 * (`Store.publishedScoresLogged`, `known`), and reads the block when either has changed. Nothing
 * is served from here without that check, and every read is still logged.
 *
 * The cache holds one run's scores: a score read under another run empties it first. At most
 * `capacity` persons, the one read longest ago going first; a person found gone is dropped.
 */
import type { PersonScore } from '../domain/scores.js';

/**
 * @example
 * const cache = new ServedScoreCache(100_000);
 * cache.remember('run-1', score);
 * cache.known('p42'); // { runId: 'run-1', score } — to pass as the read's `known`
 */
export class ServedScoreCache {
  private runId: string | undefined;
  private readonly scores = new Map<string, PersonScore>();

  /** @param capacity most persons kept; 0 keeps none. */
  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`served-score-cache: capacity must be a whole number ≥ 0, got ${capacity}`);
  }

  /** Persons held now. */
  get size(): number {
    return this.scores.size;
  }

  /** The score last read for the person, with its run; undefined when none is held. */
  known(personId: string): { runId: string; score: PersonScore } | undefined {
    const score = this.scores.get(personId);
    if (score === undefined || this.runId === undefined) return undefined;
    // Read again: it goes to the back of the eviction order.
    this.scores.delete(personId);
    this.scores.set(personId, score);
    return { runId: this.runId, score };
  }

  /** Keeps `score` (of `score.personId`) as served by `runId`; a score of another run than the held ones empties the cache first. */
  remember(runId: string, score: PersonScore): void {
    if (this.capacity === 0) return;
    if (runId !== this.runId) {
      this.scores.clear();
      this.runId = runId;
    }
    this.scores.delete(score.personId);
    this.scores.set(score.personId, score);
    if (this.scores.size > this.capacity) this.scores.delete(this.scores.keys().next().value!);
  }

  /** Drops the person (found gone, or served no score). */
  forget(personId: string): void {
    this.scores.delete(personId);
  }
}
