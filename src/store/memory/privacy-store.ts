/**
 * The data-subject rights in the embedded store: a person's records read together, erasure
 * leaving only an erasure record, the erasure salt, and the retention sweep.
 */
import type { ContactSummary, ErasureCounts, ErasureRecord, RetentionCutoffs, RetentionResult } from '../../domain/privacy.js';
import type { AccessLogPort } from '../ports/access-log.js';
import type { ConsentPort } from '../ports/consents.js';
import type { DisputePort } from '../ports/disputes.js';
import type { PersonRecords, PrivacyPort } from '../ports/privacy.js';
import type { ScorePort } from '../ports/scores.js';
import { clone, type MemoryState } from './memory-state.js';

/** The safeguards' reads the export makes through their part, so it reads what their ports answer. */
type SafeguardReads = Pick<ConsentPort, 'consentsOf'> & Pick<DisputePort, 'listDisputes'> & Pick<AccessLogPort, 'accessLogOf'>;

export class MemoryPrivacyStore implements PrivacyPort {
  constructor(
    private readonly state: MemoryState,
    private readonly scores: Pick<ScorePort, 'scoreHistory'>,
    private readonly safeguards: SafeguardReads,
  ) {}

  async personRecords(personId: string): Promise<PersonRecords | undefined> {
    const person = this.state.persons.get(personId);
    if (!person) return undefined;
    const { scores, safeguards } = this;
    return {
      person: clone(person),
      events: this.state.eventsOf(personId),
      contacts: this.contactSummary(personId),
      scores: await scores.scoreHistory(personId),
      consents: await safeguards.consentsOf(personId),
      disputes: (await safeguards.listDisputes()).filter((dispute) => dispute.personId === personId),
      accessLog: await safeguards.accessLogOf(personId, Number.MAX_SAFE_INTEGER),
    };
  }

  async erasePerson(personId: string, record: ErasureRecord): Promise<ErasureCounts | undefined> {
    const { state } = this;
    const person = state.persons.get(personId);
    if (!person) return undefined;
    const { friendships, transactions, contactsMarked } = this.eraseEdges(personId);
    let events = 0;
    for (const id of state.eventsByPerson.get(personId) ?? []) {
      state.events.delete(id);
      events++;
    }
    state.eventsByPerson.delete(personId);
    let scores = 0;
    for (const byPerson of state.scores.values()) if (byPerson.delete(personId)) scores++;
    const consents = deleteWhere(state.consents, (consent) => consent.personId === personId);
    const disputes = deleteWhere(state.disputes, (dispute) => dispute.personId === personId);
    const apiKeys = deleteWhere(state.apiKeys, (key) => key.personId === personId);
    if (state.outcomes.delete(personId)) state.outcomesChanges++;
    const kept = state.accessLog.filter((entry) => entry.personId !== personId);
    const accessLog = state.accessLog.length - kept.length;
    state.accessLog = kept;
    state.persons.delete(personId);
    state.seqIndex[person.seq] = undefined;
    // The vacated seq is dirty, so an incremental run's kept snapshot image drops the person.
    state.touchLinkSeqs(person.seq);
    state.erasures.push(clone(record));
    return { events, friendships, transactions, scores, consents, disputes, accessLog, apiKeys, contactsMarked };
  }

  async erasedHashes(idHashes: readonly string[]): Promise<Set<string>> {
    const erased = new Set(this.state.erasures.map((record) => record.idHash));
    return new Set(idHashes.filter((hash) => erased.has(hash)));
  }

  async erasureRecords(limit: number): Promise<ErasureRecord[]> {
    return [...this.state.erasures].reverse().slice(0, limit).map(clone);
  }

  async erasureSalt(candidate: string): Promise<string> {
    this.state.salt ??= candidate;
    return this.state.salt;
  }

  async sweepRetention(cutoffs: RetentionCutoffs): Promise<RetentionResult> {
    const { state } = this;
    const marked = new Set<string>();
    let events = 0;
    for (const [id, event] of state.events) {
      if (event.at >= cutoffs.eventsBefore) continue;
      state.events.delete(id);
      state.eventsByPerson.get(event.personId)?.delete(id);
      marked.add(event.personId);
      events++;
    }
    state.touch(...marked);
    const kept = state.accessLog.filter((entry) => entry.at >= cutoffs.accessLogBefore);
    const accessLog = state.accessLog.length - kept.length;
    state.accessLog = kept;
    return { events, accessLog, personsMarked: marked.size };
  }

  /** Deletes the person's edges and marks their former contacts changed. */
  private eraseEdges(personId: string): { friendships: number; transactions: number; contactsMarked: number } {
    const { state } = this;
    const contacts = new Set<string>();
    const friendships = deleteWhere(state.friendships, (row) => {
      if (row.a !== personId && row.b !== personId) return false;
      contacts.add(row.a === personId ? row.b : row.a);
      return true;
    });
    const transactions = deleteWhere(state.transactions, (row) => {
      if (row.from !== personId && row.to !== personId) return false;
      contacts.add(row.from === personId ? row.to : row.from);
      return true;
    });
    contacts.delete(personId);
    state.touchLinks(...contacts);
    return { friendships, transactions, contactsMarked: contacts.size };
  }

  private contactSummary(personId: string): ContactSummary {
    const contacts = new Set<string>();
    const summary: ContactSummary = { contacts: 0, friendships: 0, payees: 0, paymentsMade: 0, amountPaid: 0, payers: 0, paymentsReceived: 0, amountReceived: 0 };
    for (const row of this.state.friendships.values()) {
      if (row.a !== personId && row.b !== personId) continue;
      summary.friendships++;
      contacts.add(row.a === personId ? row.b : row.a);
    }
    for (const row of this.state.transactions.values()) {
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
