/**
 * The persistence port: everything tiescore keeps, behind one interface with two adapters —
 * `neo4j/` (production) and `memory/` (embedded mode and fast tests). Both pass the same
 * contract suite (`test/contract/store-contract.ts`).
 *
 * Writes are idempotent upserts keyed by external ids, taking batches (the Neo4j adapter sends
 * one `UNWIND` statement a batch). Edge and event writes do not check that persons exist: the
 * importer does that first, so a batch is never half-applied.
 */
import type { ContactSummary, ErasureCounts, ErasureRecord, RetentionCutoffs, RetentionResult } from '../domain/privacy.js';
import type { CreditEvent, Friendship, Person, Transaction } from '../domain/records.js';
import type { Outcome } from '../domain/outcomes.js';
import type { AccessLogEntry, ReportRead, ApiKeyRecord, Consent, Dispute, DisputeStatus } from '../domain/safeguards.js';
import type { ScoreExportRecord } from '../domain/score-exports.js';
import type { PersonScore, ScoreRun } from '../domain/scores.js';

/** A stored person: the record plus its dense sequence number (0, 1, 2, … in insertion order). */
export interface StoredPerson extends Person {
  seq: number;
}

/** What a batch upsert did. `unchanged` rows were already stored with the same values. */
export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
}

export interface StoreCounts {
  persons: number;
  friendships: number;
  transactions: number;
  events: number;
}

/** A friendship with both ends as sequence numbers, for the CSR snapshot. */
export interface FriendshipBySeq {
  a: number;
  b: number;
  since: string;
  interactions: number;
}

/** A person with their credit events (every status, ordered by event id): the batch read. */
export interface PersonWithEvents {
  person: StoredPerson;
  events: CreditEvent[];
}

/** A transaction aggregate with both ends as sequence numbers, for the CSR snapshot. */
export interface TransactionBySeq {
  from: number;
  to: number;
  count: number;
  amount: number;
  lastAt: string;
}

/** One person's part of a score read (`Store.publishedScoresOf`). */
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

/** What serving persons' scores needs, read together (`Store.publishedScoresOf`). */
export interface PublishedScoresRead {
  /** The published run. */
  run: ScoreRun;
  /** One entry per id asked for, in the same order (an id asked twice appears twice). */
  persons: PersonScoreRead[];
}

/** A score read to be logged as it is made (`Store.publishedScoresLogged`). */
export interface LoggedScoreRead {
  personId: string;
  /** The access-log entry of this read (its `personId` is the person read). */
  entry: AccessLogEntry;
}

/** Everything stored about one person (`Store.personRecords`), for the data-subject export. */
export interface PersonRecords {
  person: StoredPerson;
  /** By event id, each with its dispute status. */
  events: CreditEvent[];
  /** Contacts as counts and types only. */
  contacts: ContactSummary;
  /** Every stored score of the person, newest run first (as `scoreHistory`). */
  scores: PersonScore[];
  /** Oldest first. */
  consents: Consent[];
  /** Oldest first. */
  disputes: Dispute[];
  /** Every entry, newest first. */
  accessLog: AccessLogEntry[];
}

/** How a run failed, for `Store.failRunIfRunning`. */
export interface RunFailure {
  /** ISO instant. */
  finishedAt: string;
  failureReason: string;
}

/**
 * One scored person as the reports read them (`Store.reportRowsIn`): the served score and its
 * dimensions, the person's count of credit events, the protected attributes (for fairness
 * reports only — never a score input) and the stored outcome (for backtests).
 */
export interface ReportRow {
  personId: string;
  seq: number;
  score: number;
  band: string;
  dimensions: PersonScore['dimensions'];
  /** Credit events on record at the run's as-of date (not removed by a dispute). */
  creditEvents: number;
  birthYear?: number | undefined;
  sex?: Person['sex'];
  /** The stored outcome; undefined when none is stored for the person. */
  defaulted?: boolean | undefined;
}

/**
 * An analysts' search of the persons a run serves a score for (`Store.findPersons`): candidates
 * are read in ascending id order (code-unit order, as Cypher compares the ASCII ids), at most
 * `scan` of them, and those passing every filter are matches.
 */
export interface PersonSearch {
  /** Only ids starting with this ('' for all). */
  idPrefix: string;
  /** Only ids greater than this (the cursor of the previous page); '' from the start. */
  after: string;
  /**
   * The candidates themselves instead of the id index (a community's members): ascending, each
   * starting with `idPrefix` and greater than `after`, at most `scan` of them (the caller cuts).
   */
  among?: readonly string[] | undefined;
  /** Band ids a match must have; undefined for any. */
  bands?: readonly string[] | undefined;
  /** Served score bounds, inclusive. */
  minScore: number;
  maxScore: number;
  /** true: verified persons only; false: persons not known to be verified; undefined: both. */
  verified?: boolean | undefined;
  /** Matches returned at most. */
  limit: number;
  /** Candidates read at most (the bound of one call, however selective the filters). */
  scan: number;
}

/** One person a search found: what the search shows of them. */
export interface PersonMatch {
  personId: string;
  seq: number;
  verified: boolean | undefined;
  score: number;
  band: string;
}

/** A page of a search (`Store.findPersons`). */
export interface PersonSearchPage {
  /** At most `limit`, in ascending id order. */
  matches: PersonMatch[];
  /** The candidates read. */
  scanned: number;
  /**
   * Where the next call continues (its `after`): the last match returned when more matches were
   * read than returned, else the last candidate read when the `scan` bound stopped the read;
   * undefined when every candidate was read.
   */
  resumeAfter: string | undefined;
}

export interface Store {
  /** Inserts or updates persons by `id`; new persons get the next free `seq`. */
  upsertPersons(persons: readonly Person[]): Promise<UpsertResult>;
  getPerson(id: string): Promise<StoredPerson | undefined>;
  /** The subset of `ids` that are stored persons. */
  existingPersonIds(ids: readonly string[]): Promise<Set<string>>;
  /** Persons with `seq` in [fromSeq, toSeq), in seq order. */
  personsBySeq(fromSeq: number, toSeq: number): Promise<StoredPerson[]>;
  /**
   * Persons with `seq` in [fromSeq, toSeq), in seq order, each with their events (as
   * `eventsBySeq` gives them): the recompute's batch read, in one round trip.
   */
  personsWithEventsBySeq(fromSeq: number, toSeq: number): Promise<PersonWithEvents[]>;
  /** Seq and id of the persons with `seq` in [fromSeq, toSeq), in seq order. */
  personIdsBySeq(fromSeq: number, toSeq: number): Promise<{ seq: number; id: string }[]>;
  /** Persons with the given seqs (unknown seqs skipped), in seq order. */
  personsBySeqs(seqs: readonly number[]): Promise<StoredPerson[]>;
  /** One more than the largest `seq` handed out (0 when empty). */
  seqBound(): Promise<number>;

  /** Inserts or updates friendships; (a, b) and (b, a) are the same friendship. */
  upsertFriendships(rows: readonly Friendship[]): Promise<UpsertResult>;
  /** Inserts or updates transaction aggregates keyed by the ordered pair (from, to). */
  upsertTransactions(rows: readonly Transaction[]): Promise<UpsertResult>;
  /** All friendships, in batches, ends as seqs (order unspecified). */
  friendshipsBySeq(batchSize: number): AsyncIterable<FriendshipBySeq[]>;
  /** All transaction aggregates, in batches, ends as seqs (order unspecified). */
  transactionsBySeq(batchSize: number): AsyncIterable<TransactionBySeq[]>;
  /** The friendships with at least one end in `seqs`, each once, ends as seqs (order unspecified). */
  friendshipsOfSeqs(seqs: readonly number[]): Promise<FriendshipBySeq[]>;
  /** The transaction aggregates with payer or payee in `seqs`, each once (order unspecified). */
  transactionsOfSeqs(seqs: readonly number[]): Promise<TransactionBySeq[]>;

  /** Inserts or updates credit events by `id`. An update keeps the stored dispute `status`. */
  upsertEvents(events: readonly CreditEvent[]): Promise<UpsertResult>;
  eventsOf(personId: string): Promise<CreditEvent[]>;
  /** Events of the persons with `seq` in [fromSeq, toSeq), grouped by seq. */
  eventsBySeq(fromSeq: number, toSeq: number): Promise<Map<number, CreditEvent[]>>;
  /** Events of the persons with the given seqs, grouped by seq. */
  eventsBySeqs(seqs: readonly number[]): Promise<Map<number, CreditEvent[]>>;
  setEventStatus(eventId: string, status: CreditEvent['status']): Promise<void>;

  counts(): Promise<StoreCounts>;
  /**
   * Seqs of persons whose record, events or edges changed (created or updated with different
   * values) at or after `at`, an ISO instant: the dirty set of an incremental run. Unchanged
   * upserts do not count; an edge change marks both ends.
   */
  dirtySeqsSince(at: string): Promise<number[]>;

  createRun(run: ScoreRun): Promise<void>;
  /** Merges `patch` into the run (status, finishedAt, stats, failureReason). */
  updateRun(id: string, patch: Partial<Omit<ScoreRun, 'id'>>): Promise<void>;
  getRun(id: string): Promise<ScoreRun | undefined>;
  /** Newest first. */
  listRuns(limit: number): Promise<ScoreRun[]>;
  /** Every run whose status is `running`, oldest first. */
  runningRuns(): Promise<ScoreRun[]>;
  /**
   * Records a run failed — status, `finishedAt`, `failureReason` — in one step, only if it is
   * still `running`: a run that finished meanwhile is left alone. True when it was failed.
   */
  failRunIfRunning(id: string, failure: RunFailure): Promise<boolean>;
  /** Makes a complete run the served one, in one transaction. Throws if it is not complete. */
  publishRun(id: string, at: string): Promise<void>;
  /** The run the API serves, if any. */
  publishedRun(): Promise<ScoreRun | undefined>;
  /** Deletes a run and its scores (never the published one). */
  deleteRun(id: string): Promise<void>;

  /**
   * Writes (or overwrites) staged scores of one run; idempotent per (runId, personId). Scores of
   * persons not stored (erased meanwhile) are skipped.
   */
  writeScores(scores: readonly PersonScore[]): Promise<void>;
  /** The person's score as served by `run`: from the newest run of its lineage that scored them. */
  scoreIn(run: ScoreRun, personId: string): Promise<PersonScore | undefined>;
  /** Scores of persons with seq in [fromSeq, toSeq) as served by `run`, in seq order. */
  scoresBySeqIn(run: ScoreRun, fromSeq: number, toSeq: number): Promise<PersonScore[]>;
  /** Scores of the persons with the given seqs as served by `run`, in seq order. */
  scoresBySeqsIn(run: ScoreRun, seqs: readonly number[]): Promise<PersonScore[]>;
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
   * Score reads logged as they are made: reads like `publishedScoresOf` (the reads' person ids,
   * in order) and, in the same transaction, appends the access-log entry of every read the
   * published run serves a score for — person and score found; a read that finds none is
   * answered 404 by the API and is not logged. Nothing is appended when no run is published.
   * One write transaction (one statement in Neo4j): the read and its entry are stored together
   * or not at all, and the API's score route makes the reads of concurrent requests in one call.
   *
   * @example
   * const entry = { personId: 'p42', at: now, kind: 'score', actor: keyId, role: 'analyst' } as const;
   * const read = await store.publishedScoresLogged([{ personId: 'p42', entry }]);
   * read?.persons[0]?.score; // served, and the entry is in the access log
   */
  publishedScoresLogged(reads: readonly LoggedScoreRead[]): Promise<PublishedScoresRead | undefined>;

  /**
   * Every person the run serves a score for, with what the reports need, in seq order — one
   * statement in Neo4j, so a report over the whole population is one read.
   *
   * @example
   * const rows = await store.reportRowsIn(run); // rows[0].dimensions.network, rows[0].defaulted
   */
  reportRowsIn(run: ScoreRun): Promise<ReportRow[]>;

  /** Inserts or replaces observed outcomes keyed by person id (persons must exist). */
  upsertOutcomes(outcomes: readonly Outcome[]): Promise<UpsertResult>;
  /**
   * Changes whenever stored outcomes change (an opaque token; undefined while none is stored),
   * so a cached backtest knows when to recompute.
   */
  outcomesRevision(): Promise<string | undefined>;

  createDispute(dispute: Dispute): Promise<void>;
  getDispute(id: string): Promise<Dispute | undefined>;
  listDisputes(status?: DisputeStatus): Promise<Dispute[]>;
  updateDispute(id: string, patch: Partial<Omit<Dispute, 'id' | 'personId' | 'eventId'>>): Promise<void>;

  createConsent(consent: Consent): Promise<void>;
  getConsent(id: string): Promise<Consent | undefined>;
  consentsOf(personId: string): Promise<Consent[]>;
  revokeConsent(id: string, at: string): Promise<void>;

  appendAccessLog(entry: AccessLogEntry): Promise<void>;
  /**
   * Appends several entries at once, all or none (one transaction in Neo4j): the API batches the
   * entries of concurrent reads into one write (src/api/access-log-writer.ts).
   */
  appendAccessLogs(entries: readonly AccessLogEntry[]): Promise<void>;
  /** Newest first. */
  accessLogOf(personId: string, limit: number): Promise<AccessLogEntry[]>;
  /** Records one request for an aggregate report (the fairness report). */
  appendReportRead(entry: ReportRead): Promise<void>;
  /** The recorded report requests, newest first. */
  reportReads(limit: number): Promise<ReportRead[]>;

  /** Records a bulk score export as it starts (src/domain/score-exports.ts). */
  createScoreExport(record: ScoreExportRecord): Promise<void>;
  /** Records how an export ended: when, rows sent, the last seq sent, the status. */
  finishScoreExport(id: string, end: Pick<ScoreExportRecord, 'finishedAt' | 'rows' | 'toSeq' | 'status'>): Promise<void>;
  /**
   * The exports that included the person, newest first: their seq in the export's range and a
   * score in a run of its lineage — or, once the export's run was deleted, the range alone.
   */
  scoreExportsIncluding(personId: string, limit: number): Promise<ScoreExportRecord[]>;
  /** Newest first. */
  listScoreExports(limit: number): Promise<ScoreExportRecord[]>;
  /** Deletes the export records started before `at` (ISO instant), with the access log's retention; how many. */
  deleteScoreExportsBefore(at: string): Promise<number>;

  /**
   * Everything stored about one person, read in one transaction: record, events, contact counts
   * (never the contacts themselves), scores of every run, consents, disputes and access-log
   * entries. Undefined when no person has the id.
   */
  personRecords(personId: string): Promise<PersonRecords | undefined>;
  /**
   * Erases a person in one transaction: their record, events, edges, scores, consents, disputes,
   * access-log entries and subject API keys go; their former contacts get `updatedAt` = now (the
   * dirty set of the next incremental run); `record` is stored. Undefined, with nothing written,
   * when no person has the id.
   *
   * @example
   * const counts = await store.erasePerson('p42', { idHash, at: now, requestedBy: keyId, role: 'admin' });
   * counts?.contactsMarked; // 7 former contacts to rescore
   */
  erasePerson(personId: string, record: ErasureRecord): Promise<ErasureCounts | undefined>;
  /** The subset of `idHashes` that have an erasure record. */
  erasedHashes(idHashes: readonly string[]): Promise<Set<string>>;
  /** Erasure records, newest first. */
  erasureRecords(limit: number): Promise<ErasureRecord[]>;
  /**
   * The salt of erasure hashes kept with the data: the stored one, or `candidate`, stored now,
   * when there is none yet (the first caller wins; every later one gets the same salt).
   */
  erasureSalt(candidate: string): Promise<string>;
  /**
   * Deletes events dated before `cutoffs.eventsBefore` and access-log entries before
   * `cutoffs.accessLogBefore`; persons who lost events are marked changed (`updatedAt` = now).
   */
  sweepRetention(cutoffs: RetentionCutoffs): Promise<RetentionResult>;

  createApiKey(key: ApiKeyRecord): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, at: string): Promise<void>;

  close(): Promise<void>;
}
