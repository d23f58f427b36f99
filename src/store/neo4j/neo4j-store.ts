/**
 * The production store: the `Store` port over Neo4j 5.26 (docs/design.md, "Data model"). Each
 * aggregate lives in its own class (persons, edges, events, runs and scores, safeguards); this
 * class opens the connection and composes them. Every statement is a named file in `cypher/`.
 */
import type { Config } from '../../config.js';
import type { ErasureCounts, ErasureRecord, RetentionCutoffs, RetentionResult } from '../../domain/privacy.js';
import type { CreditEvent, Friendship, Person, Transaction } from '../../domain/records.js';
import type { Outcome } from '../../domain/outcomes.js';
import type { AccessLogEntry, ApiKeyRecord, ReportRead, Consent, Dispute, DisputeStatus } from '../../domain/safeguards.js';
import type { ScoreExportRecord } from '../../domain/score-exports.js';
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import type {
  FriendshipBySeq,
  LoggedScoreRead,
  PersonRecords,
  PublishedScoresRead,
  ReportRow,
  RunFailure,
  Store,
  StoreCounts,
  StoredPerson,
  TransactionBySeq,
  UpsertResult,
  PersonWithEvents,
  PersonSearch,
  PersonSearchPage,
} from '../store.js';
import { connectNeo4j, type Neo4jConnection, type Neo4jTimeouts } from './connection.js';
import { EdgeStore } from './edge-store.js';
import { EventStore } from './event-store.js';
import { int, Neo4jRunner } from './neo4j-runner.js';
import { findPersonsInNeo4j } from './person-search.js';
import { PersonStore } from './person-store.js';
import { PrivacyStore } from './privacy-store.js';
import { ReportStore } from './report-store.js';
import { RunStore } from './run-store.js';
import { SafeguardStore } from './safeguard-store.js';
import { ScoreExportStore } from './score-export-store.js';
import { assertTestDatabase } from './wipe-guard.js';

export type Neo4jStoreConfig = Pick<Config, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE'>;

export interface Neo4jStoreOptions {
  /** The clock that stamps `updatedAt` (ISO instant); `new Date().toISOString()` by default. */
  now?: () => string;
  /** How patient the driver is (connection.ts); PATIENT by default, FAIL_FAST for the API. */
  timeouts?: Neo4jTimeouts;
}

/** Items deleted per transaction by `wipeAll`. */
const WIPE_BATCH = 10_000;

export class Neo4jStore implements Store {
  private readonly runner: Neo4jRunner;
  private readonly persons: PersonStore;
  private readonly edges: EdgeStore;
  private readonly events: EventStore;
  private readonly runs: RunStore;
  private readonly safeguards: SafeguardStore;
  private readonly scoreExports: ScoreExportStore;
  private readonly privacy: PrivacyStore;
  private readonly reports: ReportStore;

  private constructor(
    private readonly connection: Neo4jConnection,
    private readonly uri: string,
    options: Neo4jStoreOptions,
  ) {
    const now = options.now ?? (() => new Date().toISOString());
    this.runner = new Neo4jRunner(connection.driver, connection.database, connection.retryMs, connection.liveness);
    this.persons = new PersonStore(this.runner, now);
    this.edges = new EdgeStore(this.runner, this.persons, now);
    this.events = new EventStore(this.runner, now);
    this.runs = new RunStore(this.runner);
    this.safeguards = new SafeguardStore(this.runner);
    this.scoreExports = new ScoreExportStore(this.runner);
    this.privacy = new PrivacyStore(this.runner, now);
    this.reports = new ReportStore(this.runner, now);
  }

  /**
   * Connects (throws `StoreUnavailableError` when Neo4j does not answer). The schema is applied
   * separately, by `tiescore db migrate` (`migrateSchema`).
   *
   * @example
   * const store = await Neo4jStore.open(loadConfig());
   */
  static async open(config: Neo4jStoreConfig, options: Neo4jStoreOptions = {}): Promise<Neo4jStore> {
    return new Neo4jStore(await connectNeo4j(config, options.timeouts), config.NEO4J_URI, options);
  }

  upsertPersons(persons: readonly Person[]): Promise<UpsertResult> {
    return this.persons.upsertPersons(persons);
  }
  getPerson(id: string): Promise<StoredPerson | undefined> {
    return this.persons.getPerson(id);
  }
  existingPersonIds(ids: readonly string[]): Promise<Set<string>> {
    return this.persons.existingPersonIds(ids);
  }
  personsBySeq(fromSeq: number, toSeq: number): Promise<StoredPerson[]> {
    return this.persons.personsBySeq(fromSeq, toSeq);
  }

  personsWithEventsBySeq(fromSeq: number, toSeq: number): Promise<PersonWithEvents[]> {
    return this.persons.personsWithEventsBySeq(fromSeq, toSeq);
  }

  personIdsBySeq(fromSeq: number, toSeq: number): Promise<{ seq: number; id: string }[]> {
    return this.persons.personIdsBySeq(fromSeq, toSeq);
  }

  personsBySeqs(seqs: readonly number[]): Promise<StoredPerson[]> {
    return this.persons.personsBySeqs(seqs);
  }
  seqBound(): Promise<number> {
    return this.persons.seqBound();
  }

  upsertFriendships(rows: readonly Friendship[]): Promise<UpsertResult> {
    return this.edges.upsertFriendships(rows);
  }
  upsertTransactions(rows: readonly Transaction[]): Promise<UpsertResult> {
    return this.edges.upsertTransactions(rows);
  }
  friendshipsBySeq(batchSize: number): AsyncIterable<FriendshipBySeq[]> {
    return this.edges.friendshipsBySeq(batchSize);
  }
  transactionsBySeq(batchSize: number): AsyncIterable<TransactionBySeq[]> {
    return this.edges.transactionsBySeq(batchSize);
  }
  friendshipsOfSeqs(seqs: readonly number[]): Promise<FriendshipBySeq[]> {
    return this.edges.friendshipsOfSeqs(seqs);
  }
  transactionsOfSeqs(seqs: readonly number[]): Promise<TransactionBySeq[]> {
    return this.edges.transactionsOfSeqs(seqs);
  }

  upsertEvents(events: readonly CreditEvent[]): Promise<UpsertResult> {
    return this.events.upsertEvents(events);
  }
  eventsOf(personId: string): Promise<CreditEvent[]> {
    return this.events.eventsOf(personId);
  }
  eventsBySeq(fromSeq: number, toSeq: number): Promise<Map<number, CreditEvent[]>> {
    return this.events.eventsBySeq(fromSeq, toSeq);
  }

  eventsBySeqs(seqs: readonly number[]): Promise<Map<number, CreditEvent[]>> {
    return this.events.eventsBySeqs(seqs);
  }
  setEventStatus(eventId: string, status: CreditEvent['status']): Promise<void> {
    return this.events.setEventStatus(eventId, status);
  }

  counts(): Promise<StoreCounts> {
    return this.persons.counts();
  }
  dirtySeqsSince(at: string): Promise<number[]> {
    return this.persons.dirtySeqsSince(at);
  }

  createRun(run: ScoreRun): Promise<void> {
    return this.runs.createRun(run);
  }
  updateRun(id: string, patch: Partial<Omit<ScoreRun, 'id'>>): Promise<void> {
    return this.runs.updateRun(id, patch);
  }
  getRun(id: string): Promise<ScoreRun | undefined> {
    return this.runs.getRun(id);
  }
  listRuns(limit: number): Promise<ScoreRun[]> {
    return this.runs.listRuns(limit);
  }
  runningRuns(): Promise<ScoreRun[]> {
    return this.runs.runningRuns();
  }
  failRunIfRunning(id: string, failure: RunFailure): Promise<boolean> {
    return this.runs.failRunIfRunning(id, failure);
  }
  publishRun(id: string, at: string): Promise<void> {
    return this.runs.publishRun(id, at);
  }
  publishedRun(): Promise<ScoreRun | undefined> {
    return this.runs.publishedRun();
  }
  deleteRun(id: string): Promise<void> {
    return this.runs.deleteRun(id);
  }

  writeScores(scores: readonly PersonScore[]): Promise<void> {
    return this.runs.writeScores(scores);
  }
  scoreIn(run: ScoreRun, personId: string): Promise<PersonScore | undefined> {
    return this.runs.scoreIn(run, personId);
  }
  publishedScoresOf(personIds: readonly string[]): Promise<PublishedScoresRead | undefined> {
    return this.runs.publishedScoresOf(personIds);
  }
  publishedScoresLogged(reads: readonly LoggedScoreRead[]): Promise<PublishedScoresRead | undefined> {
    return this.runs.publishedScoresLogged(reads);
  }
  scoresBySeqIn(run: ScoreRun, fromSeq: number, toSeq: number): Promise<PersonScore[]> {
    return this.runs.scoresBySeqIn(run, fromSeq, toSeq);
  }

  scoresBySeqsIn(run: ScoreRun, seqs: readonly number[]): Promise<PersonScore[]> {
    return this.runs.scoresBySeqsIn(run, seqs);
  }
  findPersons(run: ScoreRun, search: PersonSearch): Promise<PersonSearchPage> {
    return findPersonsInNeo4j(this.runner, run, search);
  }
  countScores(runId: string): Promise<number> {
    return this.runs.countScores(runId);
  }
  scoreHistory(personId: string): Promise<PersonScore[]> {
    return this.runs.scoreHistory(personId);
  }

  reportRowsIn(run: ScoreRun): Promise<ReportRow[]> {
    return this.reports.reportRowsIn(run);
  }
  upsertOutcomes(outcomes: readonly Outcome[]): Promise<UpsertResult> {
    return this.reports.upsertOutcomes(outcomes);
  }
  outcomesRevision(): Promise<string | undefined> {
    return this.reports.outcomesRevision();
  }
  createDispute(dispute: Dispute): Promise<void> {
    return this.safeguards.createDispute(dispute);
  }
  getDispute(id: string): Promise<Dispute | undefined> {
    return this.safeguards.getDispute(id);
  }
  listDisputes(status?: DisputeStatus): Promise<Dispute[]> {
    return this.safeguards.listDisputes(status);
  }
  updateDispute(id: string, patch: Partial<Omit<Dispute, 'id' | 'personId' | 'eventId'>>): Promise<void> {
    return this.safeguards.updateDispute(id, patch);
  }

  createConsent(consent: Consent): Promise<void> {
    return this.safeguards.createConsent(consent);
  }
  getConsent(id: string): Promise<Consent | undefined> {
    return this.safeguards.getConsent(id);
  }
  consentsOf(personId: string): Promise<Consent[]> {
    return this.safeguards.consentsOf(personId);
  }
  revokeConsent(id: string, at: string): Promise<void> {
    return this.safeguards.revokeConsent(id, at);
  }

  appendAccessLog(entry: AccessLogEntry): Promise<void> {
    return this.safeguards.appendAccessLog(entry);
  }
  appendAccessLogs(entries: readonly AccessLogEntry[]): Promise<void> {
    return this.safeguards.appendAccessLogs(entries);
  }
  accessLogOf(personId: string, limit: number): Promise<AccessLogEntry[]> {
    return this.safeguards.accessLogOf(personId, limit);
  }

  createScoreExport(record: ScoreExportRecord): Promise<void> {
    return this.scoreExports.createScoreExport(record);
  }
  finishScoreExport(id: string, end: Pick<ScoreExportRecord, 'finishedAt' | 'rows' | 'toSeq' | 'status'>): Promise<void> {
    return this.scoreExports.finishScoreExport(id, end);
  }
  scoreExportsIncluding(personId: string, limit: number): Promise<ScoreExportRecord[]> {
    return this.scoreExports.scoreExportsIncluding(personId, limit);
  }
  listScoreExports(limit: number): Promise<ScoreExportRecord[]> {
    return this.scoreExports.listScoreExports(limit);
  }
  deleteScoreExportsBefore(at: string): Promise<number> {
    return this.scoreExports.deleteScoreExportsBefore(at);
  }

  personRecords(personId: string): Promise<PersonRecords | undefined> {
    return this.privacy.personRecords(personId);
  }
  erasePerson(personId: string, record: ErasureRecord): Promise<ErasureCounts | undefined> {
    return this.privacy.erasePerson(personId, record);
  }
  erasedHashes(idHashes: readonly string[]): Promise<Set<string>> {
    return this.privacy.erasedHashes(idHashes);
  }
  erasureRecords(limit: number): Promise<ErasureRecord[]> {
    return this.privacy.erasureRecords(limit);
  }
  erasureSalt(candidate: string): Promise<string> {
    return this.privacy.erasureSalt(candidate);
  }
  sweepRetention(cutoffs: RetentionCutoffs): Promise<RetentionResult> {
    return this.privacy.sweepRetention(cutoffs);
  }

  createApiKey(key: ApiKeyRecord): Promise<void> {
    return this.safeguards.createApiKey(key);
  }
  getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    return this.safeguards.getApiKey(id);
  }
  listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.safeguards.listApiKeys();
  }
  appendReportRead(entry: ReportRead): Promise<void> {
    return this.safeguards.appendReportRead(entry);
  }
  reportReads(limit: number): Promise<ReportRead[]> {
    return this.safeguards.reportReads(limit);
  }
  revokeApiKey(id: string, at: string): Promise<void> {
    return this.safeguards.revokeApiKey(id, at);
  }

  /**
   * Test helper: deletes every relationship and node, in batches (schema and the test-database
   * marker stay). Refuses, with `WipeRefusedError`, any database that is not a tiescore test
   * database (see wipe-guard.ts).
   */
  async wipeAll(): Promise<void> {
    await assertTestDatabase(this.runner, this.uri);
    for (const statement of ['store/wipe-relationships', 'store/wipe-nodes']) {
      for (;;) {
        const [row] = await this.runner.write<{ deleted: number }>(statement, { limit: int(WIPE_BATCH) });
        if (!row || row.deleted === 0) break;
      }
    }
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
