/**
 * The embedded store: everything in process memory, for `tiescore demo` and fast tests.
 * Same contract as the Neo4j adapter (test/contract/store-contract.ts), same semantics for
 * seq allocation, unchanged-row detection and the dirty set.
 */
import type { ContactSummary, ErasureCounts, ErasureRecord, RetentionCutoffs, RetentionResult } from '../../domain/privacy.js';
import type { CreditEvent, Friendship, Person, Transaction } from '../../domain/records.js';
import type { Outcome } from '../../domain/outcomes.js';
import type { AccessLogEntry, ReportRead, ApiKeyRecord, Consent, Dispute, DisputeStatus } from '../../domain/safeguards.js';
import type { ScoreExportRecord } from '../../domain/score-exports.js';
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import { NotFoundError } from '../errors.js';
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
import { findPersonsIn } from './find-persons.js';

const clone = <T>(value: T): T => structuredClone(value);

/** Field-by-field equality of two plain records (undefined and absent are the same). */
function sameRecord(a: object, b: object): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

const friendshipKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const transactionKey = (from: string, to: string) => `${from}\u0000${to}`;

export class MemoryStore implements Store {
  private readonly persons = new Map<string, StoredPerson>();
  /** By seq; an erased person leaves a hole (seqs are never reused). */
  private readonly personsBySeqIndex: (StoredPerson | undefined)[] = [];
  private readonly personUpdatedAt = new Map<number, string>();
  private readonly friendships = new Map<string, Friendship>();
  private readonly transactions = new Map<string, Transaction>();
  private readonly events = new Map<string, CreditEvent>();
  private readonly eventsByPerson = new Map<string, Set<string>>();
  private readonly runs = new Map<string, ScoreRun>();
  private publishedRunId: string | undefined;
  private readonly scores = new Map<string, Map<string, PersonScore>>(); // runId → personId → score
  private readonly disputes = new Map<string, Dispute>();
  private readonly consents = new Map<string, Consent>();
  private accessLog: AccessLogEntry[] = [];
  private readonly scoreExports = new Map<string, ScoreExportRecord>();
  private readonly reportReadLog: ReportRead[] = [];
  private readonly apiKeys = new Map<string, ApiKeyRecord>();
  private readonly erasures: ErasureRecord[] = [];
  private salt: string | undefined;
  private readonly outcomes = new Map<string, boolean>();
  private outcomesChanges = 0;

  /** @param now the clock stamping `updatedAt` (tests pass their own). */
  constructor(private readonly now: () => string = () => new Date().toISOString()) {}

  private touch(...personIds: string[]): void {
    const at = this.now();
    for (const id of personIds) {
      const person = this.persons.get(id);
      if (person) this.personUpdatedAt.set(person.seq, at);
    }
  }

  async upsertPersons(persons: readonly Person[]): Promise<UpsertResult> {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const person of persons) {
      const existing = this.persons.get(person.id);
      if (!existing) {
        const stored: StoredPerson = { ...clone(person), seq: this.personsBySeqIndex.length };
        this.persons.set(person.id, stored);
        this.personsBySeqIndex.push(stored);
        this.touch(person.id);
        result.created++;
        continue;
      }
      const { seq, ...current } = existing;
      if (sameRecord(current, person)) {
        result.unchanged++;
        continue;
      }
      const stored: StoredPerson = { ...clone(person), seq };
      this.persons.set(person.id, stored);
      this.personsBySeqIndex[seq] = stored;
      this.touch(person.id);
      result.updated++;
    }
    return result;
  }

  async getPerson(id: string): Promise<StoredPerson | undefined> {
    const person = this.persons.get(id);
    return person && clone(person);
  }

  async existingPersonIds(ids: readonly string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.persons.has(id)));
  }

  async personsBySeq(fromSeq: number, toSeq: number): Promise<StoredPerson[]> {
    return this.personsInRange(fromSeq, toSeq).map(clone);
  }

  private personsInRange(fromSeq: number, toSeq: number): StoredPerson[] {
    return this.personsBySeqIndex.slice(Math.max(0, fromSeq), Math.max(0, toSeq)).filter((person) => person !== undefined);
  }

  async personsWithEventsBySeq(fromSeq: number, toSeq: number): Promise<PersonWithEvents[]> {
    const out: PersonWithEvents[] = [];
    for (const person of this.personsInRange(fromSeq, toSeq)) out.push({ person: clone(person), events: await this.eventsOf(person.id) });
    return out;
  }

  async personIdsBySeq(fromSeq: number, toSeq: number): Promise<{ seq: number; id: string }[]> {
    return this.personsInRange(fromSeq, toSeq).map((person) => ({ seq: person.seq, id: person.id }));
  }

  async personsBySeqs(seqs: readonly number[]): Promise<StoredPerson[]> {
    return [...new Set(seqs)]
      .sort((x, y) => x - y)
      .flatMap((seq) => {
        const person = this.personsBySeqIndex[seq];
        return person ? [clone(person)] : [];
      });
  }

  async seqBound(): Promise<number> {
    return this.personsBySeqIndex.length;
  }

  private upsertKeyed<T extends object>(
    map: Map<string, T>,
    rows: readonly T[],
    keyOf: (row: T) => string,
    endsOf: (row: T) => string[],
    normalise: (row: T) => T = (row) => row,
  ): UpsertResult {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const raw of rows) {
      const row = normalise(raw);
      const key = keyOf(row);
      const existing = map.get(key);
      if (existing && sameRecord(existing, row)) {
        result.unchanged++;
        continue;
      }
      map.set(key, clone(row));
      this.touch(...endsOf(row));
      if (existing) result.updated++;
      else result.created++;
    }
    return result;
  }

  async upsertFriendships(rows: readonly Friendship[]): Promise<UpsertResult> {
    return this.upsertKeyed(
      this.friendships,
      rows,
      (row) => friendshipKey(row.a, row.b),
      (row) => [row.a, row.b],
      (row) => (row.a < row.b ? row : { ...row, a: row.b, b: row.a }),
    );
  }

  async upsertTransactions(rows: readonly Transaction[]): Promise<UpsertResult> {
    return this.upsertKeyed(
      this.transactions,
      rows,
      (row) => transactionKey(row.from, row.to),
      (row) => [row.from, row.to],
    );
  }

  private seqOf(id: string): number {
    const person = this.persons.get(id);
    if (!person) throw new NotFoundError(`store: no person "${id}"`);
    return person.seq;
  }

  async *friendshipsBySeq(batchSize: number): AsyncIterable<FriendshipBySeq[]> {
    let batch: FriendshipBySeq[] = [];
    for (const row of this.friendships.values()) {
      batch.push({ a: this.seqOf(row.a), b: this.seqOf(row.b), since: row.since, interactions: row.interactions });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async *transactionsBySeq(batchSize: number): AsyncIterable<TransactionBySeq[]> {
    let batch: TransactionBySeq[] = [];
    for (const row of this.transactions.values()) {
      batch.push({ from: this.seqOf(row.from), to: this.seqOf(row.to), count: row.count, amount: row.amount, lastAt: row.lastAt });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async friendshipsOfSeqs(seqs: readonly number[]): Promise<FriendshipBySeq[]> {
    const wanted = new Set(seqs);
    const rows: FriendshipBySeq[] = [];
    for (const row of this.friendships.values()) {
      const a = this.seqOf(row.a);
      const b = this.seqOf(row.b);
      if (wanted.has(a) || wanted.has(b)) rows.push({ a, b, since: row.since, interactions: row.interactions });
    }
    return rows;
  }

  async transactionsOfSeqs(seqs: readonly number[]): Promise<TransactionBySeq[]> {
    const wanted = new Set(seqs);
    const rows: TransactionBySeq[] = [];
    for (const row of this.transactions.values()) {
      const from = this.seqOf(row.from);
      const to = this.seqOf(row.to);
      if (wanted.has(from) || wanted.has(to)) rows.push({ from, to, count: row.count, amount: row.amount, lastAt: row.lastAt });
    }
    return rows;
  }

  async upsertEvents(events: readonly CreditEvent[]): Promise<UpsertResult> {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const event of events) {
      const existing = this.events.get(event.id);
      const row: CreditEvent = existing ? { ...clone(event), status: existing.status } : clone(event);
      if (existing && sameRecord(existing, row)) {
        result.unchanged++;
        continue;
      }
      if (existing && existing.personId !== row.personId) this.eventsByPerson.get(existing.personId)?.delete(row.id);
      this.events.set(row.id, row);
      let ids = this.eventsByPerson.get(row.personId);
      if (!ids) this.eventsByPerson.set(row.personId, (ids = new Set()));
      ids.add(row.id);
      this.touch(row.personId, ...(existing ? [existing.personId] : []));
      if (existing) result.updated++;
      else result.created++;
    }
    return result;
  }

  async eventsOf(personId: string): Promise<CreditEvent[]> {
    const ids = [...(this.eventsByPerson.get(personId) ?? [])].sort();
    return ids.map((id) => clone(this.events.get(id)!));
  }

  async eventsBySeq(fromSeq: number, toSeq: number): Promise<Map<number, CreditEvent[]>> {
    const grouped = new Map<number, CreditEvent[]>();
    for (const person of this.personsInRange(fromSeq, toSeq)) {
      const events = await this.eventsOf(person.id);
      if (events.length > 0) grouped.set(person.seq, events);
    }
    return grouped;
  }

  async eventsBySeqs(seqs: readonly number[]): Promise<Map<number, CreditEvent[]>> {
    const grouped = new Map<number, CreditEvent[]>();
    for (const person of await this.personsBySeqs(seqs)) {
      const events = await this.eventsOf(person.id);
      if (events.length > 0) grouped.set(person.seq, events);
    }
    return grouped;
  }

  async setEventStatus(eventId: string, status: CreditEvent['status']): Promise<void> {
    const event = this.events.get(eventId);
    if (!event) throw new NotFoundError(`store: no event "${eventId}"`);
    if (event.status === status) return;
    event.status = status;
    this.touch(event.personId);
  }

  async counts(): Promise<StoreCounts> {
    return {
      persons: this.persons.size,
      friendships: this.friendships.size,
      transactions: this.transactions.size,
      events: this.events.size,
    };
  }

  async dirtySeqsSince(at: string): Promise<number[]> {
    const seqs: number[] = [];
    for (const [seq, updatedAt] of this.personUpdatedAt) if (updatedAt >= at) seqs.push(seq);
    return seqs.sort((x, y) => x - y);
  }

  async createRun(run: ScoreRun): Promise<void> {
    if (this.runs.has(run.id)) throw new Error(`store: run "${run.id}" exists already`);
    this.runs.set(run.id, clone(run));
  }

  async updateRun(id: string, patch: Partial<Omit<ScoreRun, 'id'>>): Promise<void> {
    const run = this.runs.get(id);
    if (!run) throw new NotFoundError(`store: no run "${id}"`);
    Object.assign(run, clone(patch));
  }

  async getRun(id: string): Promise<ScoreRun | undefined> {
    const run = this.runs.get(id);
    return run && clone(run);
  }

  async listRuns(limit: number): Promise<ScoreRun[]> {
    return [...this.runs.values()]
      .sort((x, y) => (x.startedAt < y.startedAt ? 1 : x.startedAt > y.startedAt ? -1 : y.id.localeCompare(x.id)))
      .slice(0, limit)
      .map(clone);
  }

  async runningRuns(): Promise<ScoreRun[]> {
    return [...this.runs.values()]
      .filter((run) => run.status === 'running')
      .sort((x, y) => (x.startedAt < y.startedAt ? -1 : x.startedAt > y.startedAt ? 1 : x.id.localeCompare(y.id)))
      .map(clone);
  }

  async failRunIfRunning(id: string, failure: RunFailure): Promise<boolean> {
    const run = this.runs.get(id);
    if (run?.status !== 'running') return false;
    Object.assign(run, { status: 'failed', ...failure });
    return true;
  }

  async publishRun(id: string, at: string): Promise<void> {
    const run = this.runs.get(id);
    if (!run) throw new NotFoundError(`store: no run "${id}"`);
    if (run.status !== 'complete') throw new Error(`store: run "${id}" is ${run.status}, only a complete run can be published`);
    run.publishedAt = at;
    this.publishedRunId = id;
  }

  async publishedRun(): Promise<ScoreRun | undefined> {
    return this.publishedRunId === undefined ? undefined : this.getRun(this.publishedRunId);
  }

  async deleteRun(id: string): Promise<void> {
    if (id === this.publishedRunId) throw new Error(`store: run "${id}" is published and cannot be deleted`);
    this.runs.delete(id);
    this.scores.delete(id);
  }

  async writeScores(scores: readonly PersonScore[]): Promise<void> {
    for (const score of scores) {
      // A chunk that read a person before their erasure writes no score for them after it.
      if (!this.persons.has(score.personId)) continue;
      let byPerson = this.scores.get(score.runId);
      if (!byPerson) this.scores.set(score.runId, (byPerson = new Map()));
      byPerson.set(score.personId, clone(score));
    }
  }

  async scoreIn(run: ScoreRun, personId: string): Promise<PersonScore | undefined> {
    for (const runId of run.lineage) {
      const score = this.scores.get(runId)?.get(personId);
      if (score) return clone(score);
    }
    return undefined;
  }

  async publishedScoresOf(personIds: readonly string[]): Promise<PublishedScoresRead | undefined> {
    const run = await this.publishedRun();
    if (!run) return undefined;
    const persons = [];
    for (const personId of personIds) {
      persons.push({ personId, person: await this.getPerson(personId), score: await this.scoreIn(run, personId), events: await this.eventsOf(personId) });
    }
    return { run, persons };
  }

  async publishedScoresLogged(reads: readonly LoggedScoreRead[]): Promise<PublishedScoresRead | undefined> {
    const read = await this.publishedScoresOf(reads.map((r) => r.personId));
    if (!read) return undefined;
    await this.appendAccessLogs(reads.filter((_r, k) => read.persons[k]!.person && read.persons[k]!.score).map((r) => r.entry));
    return read;
  }

  async scoresBySeqIn(run: ScoreRun, fromSeq: number, toSeq: number): Promise<PersonScore[]> {
    const result: PersonScore[] = [];
    for (const person of this.personsInRange(fromSeq, toSeq)) {
      const score = await this.scoreIn(run, person.id);
      if (score) result.push(score);
    }
    return result;
  }

  async scoresBySeqsIn(run: ScoreRun, seqs: readonly number[]): Promise<PersonScore[]> {
    const result: PersonScore[] = [];
    for (const person of await this.personsBySeqs(seqs)) {
      const score = await this.scoreIn(run, person.id);
      if (score) result.push(score);
    }
    return result;
  }

  async findPersons(run: ScoreRun, search: PersonSearch): Promise<PersonSearchPage> {
    const lineage = run.lineage.map((runId) => this.scores.get(runId));
    return findPersonsIn(
      {
        personIds: () => this.persons.keys(),
        person: (id) => this.persons.get(id),
        served: (id) => lineage.map((scores) => scores?.get(id)).find((score) => score !== undefined),
      },
      search,
    );
  }

  async countScores(runId: string): Promise<number> {
    return this.scores.get(runId)?.size ?? 0;
  }

  async scoreHistory(personId: string): Promise<PersonScore[]> {
    const runs = await this.listRuns(Number.MAX_SAFE_INTEGER);
    return runs.flatMap((run) => {
      const score = this.scores.get(run.id)?.get(personId);
      return score ? [clone(score)] : [];
    });
  }

  async reportRowsIn(run: ScoreRun): Promise<ReportRow[]> {
    const rows: ReportRow[] = [];
    // Straight from the maps (no per-person clone of the whole score): one pass over 100k persons.
    const lineage = run.lineage.map((runId) => this.scores.get(runId)).filter((scores) => scores !== undefined);
    for (const person of this.personsBySeqIndex) {
      if (!person) continue; // an erased person's seq
      let score: PersonScore | undefined;
      for (const scores of lineage) if ((score = scores.get(person.id))) break;
      if (!score) continue;
      let creditEvents = 0;
      for (const id of this.eventsByPerson.get(person.id) ?? []) {
        const event = this.events.get(id)!;
        if (event.status !== 'removed' && event.at <= run.asOf) creditEvents++;
      }
      rows.push({
        personId: person.id,
        seq: person.seq,
        score: score.score,
        band: score.band,
        dimensions: { ...score.dimensions },
        creditEvents,
        ...(person.birthYear === undefined ? {} : { birthYear: person.birthYear }),
        ...(person.sex === undefined ? {} : { sex: person.sex }),
        ...(this.outcomes.has(person.id) ? { defaulted: this.outcomes.get(person.id) } : {}),
      });
    }
    return rows;
  }

  async upsertOutcomes(outcomes: readonly Outcome[]): Promise<UpsertResult> {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const outcome of outcomes) {
      if (!this.persons.has(outcome.personId)) continue;
      const existing = this.outcomes.get(outcome.personId);
      if (existing === outcome.defaulted) {
        result.unchanged++;
        continue;
      }
      this.outcomes.set(outcome.personId, outcome.defaulted);
      if (existing === undefined) result.created++;
      else result.updated++;
    }
    if (result.created + result.updated > 0) this.outcomesChanges++;
    return result;
  }

  async outcomesRevision(): Promise<string | undefined> {
    return this.outcomes.size === 0 ? undefined : `memory-${this.outcomesChanges}`;
  }

  async createDispute(dispute: Dispute): Promise<void> {
    this.disputes.set(dispute.id, clone(dispute));
  }

  async getDispute(id: string): Promise<Dispute | undefined> {
    const dispute = this.disputes.get(id);
    return dispute && clone(dispute);
  }

  async listDisputes(status?: DisputeStatus): Promise<Dispute[]> {
    return [...this.disputes.values()]
      .filter((dispute) => status === undefined || dispute.status === status)
      .sort((x, y) => x.openedAt.localeCompare(y.openedAt) || x.id.localeCompare(y.id))
      .map(clone);
  }

  async updateDispute(id: string, patch: Partial<Omit<Dispute, 'id' | 'personId' | 'eventId'>>): Promise<void> {
    const dispute = this.disputes.get(id);
    if (!dispute) throw new NotFoundError(`store: no dispute "${id}"`);
    Object.assign(dispute, clone(patch));
  }

  async createConsent(consent: Consent): Promise<void> {
    this.consents.set(consent.id, clone(consent));
  }

  async getConsent(id: string): Promise<Consent | undefined> {
    const consent = this.consents.get(id);
    return consent && clone(consent);
  }

  async consentsOf(personId: string): Promise<Consent[]> {
    return [...this.consents.values()]
      .filter((consent) => consent.personId === personId)
      .sort((x, y) => x.grantedAt.localeCompare(y.grantedAt) || x.id.localeCompare(y.id))
      .map(clone);
  }

  async revokeConsent(id: string, at: string): Promise<void> {
    const consent = this.consents.get(id);
    if (!consent) throw new NotFoundError(`store: no consent "${id}"`);
    consent.revokedAt ??= at;
  }

  async appendAccessLog(entry: AccessLogEntry): Promise<void> {
    this.accessLog.push(clone(entry));
  }

  async appendAccessLogs(entries: readonly AccessLogEntry[]): Promise<void> {
    this.accessLog.push(...entries.map(clone));
  }

  async appendReportRead(entry: ReportRead): Promise<void> {
    this.reportReadLog.push(clone(entry));
  }

  async reportReads(limit: number): Promise<ReportRead[]> {
    return this.reportReadLog.slice(-limit).reverse().map(clone);
  }

  async accessLogOf(personId: string, limit: number): Promise<AccessLogEntry[]> {
    return this.accessLog
      .filter((entry) => entry.personId === personId)
      .reverse()
      .slice(0, limit)
      .map(clone);
  }

  async createScoreExport(record: ScoreExportRecord): Promise<void> {
    this.scoreExports.set(record.id, clone(record));
  }

  async finishScoreExport(id: string, end: Pick<ScoreExportRecord, 'finishedAt' | 'rows' | 'toSeq' | 'status'>): Promise<void> {
    const record = this.scoreExports.get(id);
    if (!record) throw new NotFoundError(`store: no score export "${id}"`);
    Object.assign(record, clone(end));
  }

  async scoreExportsIncluding(personId: string, limit: number): Promise<ScoreExportRecord[]> {
    const person = this.persons.get(personId);
    if (!person) return [];
    const scored = (record: ScoreExportRecord) =>
      !this.runs.has(record.runId) || record.lineage.some((runId) => this.scores.get(runId)?.has(personId));
    return [...this.scoreExports.values()]
      .filter((record) => record.fromSeq <= person.seq && person.seq <= record.toSeq && scored(record))
      .sort((x, y) => (x.startedAt < y.startedAt ? 1 : x.startedAt > y.startedAt ? -1 : 0))
      .slice(0, limit)
      .map(clone);
  }

  async listScoreExports(limit: number): Promise<ScoreExportRecord[]> {
    return [...this.scoreExports.values()]
      .sort((x, y) => (x.startedAt < y.startedAt ? 1 : x.startedAt > y.startedAt ? -1 : 0))
      .slice(0, limit)
      .map(clone);
  }

  async deleteScoreExportsBefore(at: string): Promise<number> {
    const old = [...this.scoreExports.values()].filter((record) => record.startedAt < at);
    for (const record of old) this.scoreExports.delete(record.id);
    return old.length;
  }

  async personRecords(personId: string): Promise<PersonRecords | undefined> {
    const person = await this.getPerson(personId);
    if (!person) return undefined;
    return {
      person,
      events: await this.eventsOf(personId),
      contacts: this.contactSummary(personId),
      scores: await this.scoreHistory(personId),
      consents: await this.consentsOf(personId),
      disputes: (await this.listDisputes()).filter((dispute) => dispute.personId === personId),
      accessLog: await this.accessLogOf(personId, Number.MAX_SAFE_INTEGER),
    };
  }

  private contactSummary(personId: string): ContactSummary {
    const contacts = new Set<string>();
    const summary: ContactSummary = { contacts: 0, friendships: 0, payees: 0, paymentsMade: 0, amountPaid: 0, payers: 0, paymentsReceived: 0, amountReceived: 0 };
    for (const row of this.friendships.values()) {
      if (row.a !== personId && row.b !== personId) continue;
      summary.friendships++;
      contacts.add(row.a === personId ? row.b : row.a);
    }
    for (const row of this.transactions.values()) {
      if (row.from === personId) {
        summary.payees++;
        summary.paymentsMade += row.count;
        summary.amountPaid += row.amount;
        contacts.add(row.to);
      } else if (row.to === personId) {
        summary.payers++;
        summary.paymentsReceived += row.count;
        summary.amountReceived += row.amount;
        contacts.add(row.from);
      }
    }
    summary.contacts = contacts.size;
    return summary;
  }

  async erasePerson(personId: string, record: ErasureRecord): Promise<ErasureCounts | undefined> {
    const person = this.persons.get(personId);
    if (!person) return undefined;
    const counts: ErasureCounts = { events: 0, friendships: 0, transactions: 0, scores: 0, consents: 0, disputes: 0, accessLog: 0, apiKeys: 0, contactsMarked: 0 };
    const contacts = new Set<string>();
    for (const [key, row] of this.friendships) {
      if (row.a !== personId && row.b !== personId) continue;
      this.friendships.delete(key);
      counts.friendships++;
      contacts.add(row.a === personId ? row.b : row.a);
    }
    for (const [key, row] of this.transactions) {
      if (row.from !== personId && row.to !== personId) continue;
      this.transactions.delete(key);
      counts.transactions++;
      contacts.add(row.from === personId ? row.to : row.from);
    }
    contacts.delete(personId);
    this.touch(...contacts);
    counts.contactsMarked = contacts.size;
    for (const id of this.eventsByPerson.get(personId) ?? []) {
      this.events.delete(id);
      counts.events++;
    }
    this.eventsByPerson.delete(personId);
    for (const byPerson of this.scores.values()) if (byPerson.delete(personId)) counts.scores++;
    counts.consents = deleteWhere(this.consents, (consent) => consent.personId === personId);
    counts.disputes = deleteWhere(this.disputes, (dispute) => dispute.personId === personId);
    counts.apiKeys = deleteWhere(this.apiKeys, (key) => key.personId === personId);
    if (this.outcomes.delete(personId)) this.outcomesChanges++;
    const kept = this.accessLog.filter((entry) => entry.personId !== personId);
    counts.accessLog = this.accessLog.length - kept.length;
    this.accessLog = kept;
    this.persons.delete(personId);
    this.personsBySeqIndex[person.seq] = undefined;
    // The vacated seq is dirty, so an incremental run's kept snapshot image drops the person.
    this.personUpdatedAt.set(person.seq, this.now());
    this.erasures.push(clone(record));
    return counts;
  }

  async erasedHashes(idHashes: readonly string[]): Promise<Set<string>> {
    const erased = new Set(this.erasures.map((record) => record.idHash));
    return new Set(idHashes.filter((hash) => erased.has(hash)));
  }

  async erasureRecords(limit: number): Promise<ErasureRecord[]> {
    return [...this.erasures].reverse().slice(0, limit).map(clone);
  }

  async erasureSalt(candidate: string): Promise<string> {
    this.salt ??= candidate;
    return this.salt;
  }

  async sweepRetention(cutoffs: RetentionCutoffs): Promise<RetentionResult> {
    const marked = new Set<string>();
    let events = 0;
    for (const [id, event] of this.events) {
      if (event.at >= cutoffs.eventsBefore) continue;
      this.events.delete(id);
      this.eventsByPerson.get(event.personId)?.delete(id);
      marked.add(event.personId);
      events++;
    }
    this.touch(...marked);
    const kept = this.accessLog.filter((entry) => entry.at >= cutoffs.accessLogBefore);
    const accessLog = this.accessLog.length - kept.length;
    this.accessLog = kept;
    return { events, accessLog, personsMarked: marked.size };
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    if (this.apiKeys.has(key.id)) throw new Error(`store: API key "${key.id}" exists already`);
    this.apiKeys.set(key.id, clone(key));
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const key = this.apiKeys.get(id);
    return key && clone(key);
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return [...this.apiKeys.values()].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id)).map(clone);
  }

  async revokeApiKey(id: string, at: string): Promise<void> {
    const key = this.apiKeys.get(id);
    if (!key) throw new NotFoundError(`store: no API key "${id}"`);
    key.revokedAt ??= at;
  }

  async close(): Promise<void> {}
}

/** Deletes the map's values that match; how many went. */
function deleteWhere<T>(map: Map<string, T>, matches: (value: T) => boolean): number {
  let deleted = 0;
  for (const [key, value] of map) {
    if (!matches(value)) continue;
    map.delete(key);
    deleted++;
  }
  return deleted;
}
