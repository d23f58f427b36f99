/**
 * The scores port: the scores runs write and the scores a run serves. A run serves, for each
 * person, their score in the newest run of its lineage that scored them; the reads that take a
 * run answer for it that way (docs/design.md, "Neo4j").
 */
import type { CreditEvent } from '../../domain/records.js';
import type { AccessLogEntry } from '../../domain/safeguards.js';
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import type { StoredPerson } from './persons.js';
import type { PersonSearch, PersonSearchPage } from './person-search.js';
import type { MethodSet } from './port-methods.js';

/** One person's part of a score read (`publishedScoresOf`). */
export interface PersonScoreRead {
  /** The id asked for. */
  personId: string;
  /** The person; undefined when no person has the id. */
  person: StoredPerson | undefined;
  /** Their score as the published run serves it (as `scoreIn(run, id)`); undefined when it serves none. */
  score: PersonScore | undefined;
  /** Their credit events, by event id (as `eventsOf(id)`); empty without a person. */
  events: CreditEvent[];
}

/** What serving persons' scores needs, read together (`publishedScoresOf`). */
export interface PublishedScoresRead {
  /** The published run. */
  run: ScoreRun;
  /** One entry per id asked for, in the same order (an id asked twice appears twice). */
  persons: PersonScoreRead[];
}

/** A score read to be logged as it is made (`publishedScoresLogged`). */
export interface LoggedScoreRead {
  personId: string;
  /** The access-log entry of this read (its `personId` is the person read). */
  entry: AccessLogEntry;
  /**
   * The score the reader already holds for the person, from an earlier read: when `runId` is
   * still the published run and `score.seq` still the person's seq, it is the score the run
   * serves (a run's served scores never change), and the store may answer with it without
   * reading the score again.
   */
  known?: { runId: string; score: PersonScore } | undefined;
}

/** One read's part of `publishedScoresLogged`: what the score route answers with. */
export interface LoggedPersonScoreRead {
  /** The id asked for. */
  personId: string;
  /** Whether a person has the id. */
  found: boolean;
  /** Their score as the published run serves it; undefined when it serves none (or no person). */
  score: PersonScore | undefined;
  /** The ids of their events under dispute (status `disputed`), by event id. */
  disputedEventIds: string[];
}

/** The reads of `publishedScoresLogged`, with the run that served them. */
export interface LoggedScoresRead {
  run: ScoreRun;
  /** One entry per read, in the reads' order. */
  persons: LoggedPersonScoreRead[];
}

export interface ScorePort {
  /**
   * Writes (or overwrites) staged scores of one run; idempotent per (runId, personId). A score's
   * seq is its person's (seqs are never handed out twice). Scores of persons no longer stored
   * (erased meanwhile) are skipped: resolves with their seqs, ascending.
   */
  writeScores(scores: readonly PersonScore[]): Promise<number[]>;
  /**
   * A full run's chunk of scores: afterwards the run's scores of the persons with seq in
   * [fromSeq, toSeq) are exactly `scores` (whatever an earlier write of the range — a job retried
   * after a crash — left there), skipping persons not stored and resolving with their seqs, as
   * `writeScores`. Every score must
   * be of `runId`, with a seq in the range, at most one per person. In Neo4j a chunk is one
   * transaction over the score blocks its range touches (docs/design.md, "Neo4j", score blocks).
   *
   * @example
   * await store.replaceScoresInSeqRange('run-1', 0, 10_000, chunkScores);
   */
  replaceScoresInSeqRange(runId: string, fromSeq: number, toSeq: number, scores: readonly PersonScore[]): Promise<number[]>;
  /** The person's score as served by `run`. */
  scoreIn(run: ScoreRun, personId: string): Promise<PersonScore | undefined>;
  /** Scores of the persons with seq in [fromSeq, toSeq) as served by `run`, in seq order. */
  scoresInSeqRange(run: ScoreRun, fromSeq: number, toSeq: number): Promise<PersonScore[]>;
  /**
   * The score numbers `run` serves for seqs [fromSeq, toSeq), at index seq − fromSeq; NaN where
   * it serves none. What a view of the whole population needs (distribution, contagion totals),
   * without reading each score's explanation.
   */
  scoreValuesInSeqRange(run: ScoreRun, fromSeq: number, toSeq: number): Promise<Float64Array>;
  /** Scores of the persons with the given seqs as served by `run`, in seq order. */
  scoresAtSeqs(run: ScoreRun, seqs: readonly number[]): Promise<PersonScore[]>;
  /**
   * The persons `run` serves a score for that pass the search's filters, from at most
   * `search.scan` candidates in ascending id order (one bounded statement in Neo4j: the id index
   * read in order, the score of each candidate by point seeks through the lineage).
   *
   * @example
   * const page = await store.findPersons(run, { idPrefix: 'p00', after: '', bands: ['poor'], minScore: 350, maxScore: 950, limit: 50, scan: 2000 });
   * page.matches[0]; // { personId: 'p0012', seq: 12, verified: true, score: 512, band: 'poor' }
   * // page.resumeAfter continues the search (as `after`), or is undefined when it is finished
   */
  findPersons(run: ScoreRun, search: PersonSearch): Promise<PersonSearchPage>;
  /** How many scores the run itself wrote. */
  countScores(runId: string): Promise<number>;
  /** The person's scores across runs, newest run first. */
  scoreHistory(personId: string): Promise<PersonScore[]>;
  /**
   * The published run with, for each id, the person's record, served score and events, read
   * together: the same as `publishedRun()` and, per id, `getPerson(id)`, `scoreIn(run, id)` and
   * `eventsOf(id)`, in one statement (one round trip) in Neo4j, so every part belongs to the same
   * published run even while another run is being published. The API reads the scores asked for
   * by concurrent requests in one call (src/api/published-scores.ts). Undefined when no run is
   * published.
   *
   * @example
   * const read = await store.publishedScoresOf(['p42']);
   * read?.persons[0]?.score?.score; // 712, as served by read.run
   */
  publishedScoresOf(personIds: readonly string[]): Promise<PublishedScoresRead | undefined>;
  /**
   * Score reads logged as they are made: the published run and, per read (in order), whether the
   * person exists, their served score (as `scoreIn(run, id)`) and their disputed events' ids;
   * in the same transaction, appends the access-log entry of every read the published run
   * serves a score for — person and score found; a read that finds none is answered 404 by the
   * API and is not logged. Nothing is appended when no run is published. One write transaction
   * (one statement in Neo4j): the read and its entry are stored together or not at all, and the
   * API's score route makes the reads of concurrent requests in one call. A read's `known` score,
   * when it stands, is answered as is (Neo4j then skips the score's block).
   *
   * @example
   * const entry = { personId: 'p42', at: now, kind: 'score', actor: keyId, role: 'analyst' } as const;
   * const read = await store.publishedScoresLogged([{ personId: 'p42', entry }]);
   * read?.persons[0]?.score; // served, and the entry is in the access log
   */
  publishedScoresLogged(reads: readonly LoggedScoreRead[]): Promise<LoggedScoresRead | undefined>;
}

export const SCORE_METHODS: MethodSet<ScorePort> = {
  writeScores: true,
  replaceScoresInSeqRange: true,
  scoreIn: true,
  scoresInSeqRange: true,
  scoreValuesInSeqRange: true,
  scoresAtSeqs: true,
  findPersons: true,
  countScores: true,
  scoreHistory: true,
  publishedScoresOf: true,
  publishedScoresLogged: true,
};

/** Throws unless every score is of `runId`, with a seq in [fromSeq, toSeq), one per person (`replaceScoresInSeqRange`). */
export function assertRangeScores(runId: string, fromSeq: number, toSeq: number, scores: readonly PersonScore[]): void {
  const persons = new Set<string>();
  for (const score of scores) {
    if (score.runId !== runId || score.seq < fromSeq || score.seq >= toSeq || persons.has(score.personId)) {
      throw new RangeError(`store: replaceScoresInSeqRange(${runId}, ${fromSeq}, ${toSeq}) got a score of ${score.personId} (run ${score.runId}, seq ${score.seq}) outside it or twice`);
    }
    persons.add(score.personId);
  }
}
