/**
 * The privacy port: the data-subject rights (everything about a person read together, erasure
 * leaving only a salted hash) and the retention sweep.
 */
import type { ContactSummary, ErasureCounts, ErasureRecord, RetentionCutoffs, RetentionResult } from '../../domain/privacy.js';
import type { CreditEvent } from '../../domain/records.js';
import type { AccessLogEntry, Consent, Dispute } from '../../domain/safeguards.js';
import type { PersonScore } from '../../domain/scores.js';
import type { StoredPerson } from './persons.js';
import type { MethodSet } from './port-methods.js';

/** Everything stored about one person (`personRecords`), for the data-subject export. */
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

export interface PrivacyPort {
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
}

export const PRIVACY_METHODS: MethodSet<PrivacyPort> = {
  personRecords: true,
  erasePerson: true,
  erasedHashes: true,
  erasureRecords: true,
  erasureSalt: true,
  sweepRetention: true,
};
