/**
 * Records of the data-subject rights (README, "Data-subject rights"): what an export holds,
 * what an erasure leaves behind, and what the retention sweep removes.
 */
import type { ApiRole } from './safeguards.js';

/**
 * The one trace an erasure leaves: a salted hash of the person's id (HMAC-SHA256, hex), when
 * and at whose request. It lets an import refuse to bring the person back silently, and names
 * nobody to whoever lacks the salt.
 */
export interface ErasureRecord {
  idHash: string;
  /** ISO instant of the erasure. */
  at: string;
  /** The API key id that asked, or `cli:<user>` for `tiescore persons erase`. */
  requestedBy: string;
  /** The role of the key that asked; `operator` from the command line. */
  role: ApiRole | 'operator';
}

/** What one erasure removed. */
export interface ErasureCounts {
  events: number;
  friendships: number;
  transactions: number;
  scores: number;
  consents: number;
  disputes: number;
  accessLog: number;
  apiKeys: number;
  /** Former contacts marked changed, so the next incremental run rescores them. */
  contactsMarked: number;
}

/** A person's contacts as the person may see them: counts and types, never who or their scores. */
export interface ContactSummary {
  /** Distinct persons linked by a friendship or a payment either way. */
  contacts: number;
  friendships: number;
  /** Persons this person paid (transaction aggregates), payments and total amount. */
  payees: number;
  paymentsMade: number;
  amountPaid: number;
  /** Persons who paid this person, payments and total amount. */
  payers: number;
  paymentsReceived: number;
  amountReceived: number;
}

/** What the retention sweep removes: records strictly older than these bounds. */
export interface RetentionCutoffs {
  /** Events with `at` (YYYY-MM-DD) before this date are past the model's retention window. */
  eventsBefore: string;
  /** Access-log entries with `at` (ISO instant) before this instant are past their retention. */
  accessLogBefore: string;
}

/** What one retention sweep removed. */
export interface RetentionResult {
  events: number;
  accessLog: number;
  /** Persons who lost events (marked changed for the next incremental run). */
  personsMarked: number;
}
