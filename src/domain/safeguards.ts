/**
 * Records of the safeguards: disputes, consents, the access log and API keys (docs/design.md,
 * "Safeguards"). Times are ISO-8601 instants (`2026-11-26T02:00:00.000Z`).
 */

export const DISPUTE_STATUSES = ['open', 'upheld', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** A subject contesting one of their credit events. */
export interface Dispute {
  id: string;
  personId: string;
  eventId: string;
  reason: string;
  status: DisputeStatus;
  openedAt: string;
  resolvedAt?: string | undefined;
  resolvedBy?: string | undefined;
  note?: string | undefined;
}

/** A subject's permission for a named consumer to read their score for a purpose, until a time. */
export interface Consent {
  id: string;
  personId: string;
  consumer: string;
  purpose: string;
  grantedAt: string;
  expiresAt: string;
  revokedAt?: string | undefined;
}

/** `score-export`: the person's score left in a bulk score export (src/privacy/score-export.ts); `recourse`: a recourse answer (it shows the score); `search`: an analyst's person search listed them with their score. */
export const ACCESS_KINDS = ['score', 'explanation', 'history', 'network', 'export', 'score-export', 'recourse', 'search'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** One read of a person's data: who, when, what, and under which role or consent. */
export interface AccessLogEntry {
  personId: string;
  at: string;
  kind: AccessKind;
  actor: string;
  role: ApiRole;
  consentId?: string | undefined;
  /** For `score-export`: the export that included the person. */
  exportId?: string | undefined;
  /** For `score-export`: the purpose the export was made for. */
  purpose?: string | undefined;
}

/**
 * One request for an aggregate report that reads protected attributes (the fairness report): who
 * asked, when, under which role and at which cut-off. Kept apart from the per-person access log —
 * the report names nobody — so that repeated or unusual requests can be audited.
 */
export interface ReportRead {
  report: 'fairness';
  at: string;
  actor: string;
  role: ApiRole;
  cutoff: number;
}

/** `batch`: a lender's decision engine, which may export a run's scores in bulk and nothing else. */
export const API_ROLES = ['admin', 'analyst', 'consumer', 'subject', 'batch'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** An API key as stored: only a hash of the secret is kept. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: ApiRole;
  /** For `subject` keys: the one person the key speaks for. */
  personId?: string | undefined;
  /** SHA-256 of the secret, hex. */
  secretHash: string;
  createdAt: string;
  revokedAt?: string | undefined;
}
