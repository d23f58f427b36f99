/**
 * The records tiescore holds about people: the one place that says what a person, a contact
 * edge and a credit event are. Import, the synthetic generator, the stores and the scorecard
 * all read these types; file columns are documented in the README ("Data files").
 *
 * Dates are ISO-8601 calendar dates (`YYYY-MM-DD`) in UTC; money is in currency units
 * (a non-negative decimal); ratios are in [0, 1].
 */

/** Kinds of credit record a person can have. */
export const EVENT_KINDS = ['repaid_on_time', 'repaid_late', 'defaulted', 'blacklisted'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Dispute state of a credit event: `disputed` while a dispute is open, `removed` when upheld. */
export const EVENT_STATUSES = ['active', 'disputed', 'removed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Values of the protected attribute `sex`; it is stored for fairness reports only. */
export const SEXES = ['F', 'M', 'X'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * A person and the per-person features the scorecard reads. Every attribute but `id` may be
 * unknown (`undefined`: an empty cell, an absent column, a JSON null); the scorecard then gives
 * the feature its `missing` points instead of assuming a value.
 */
export interface Person {
  /** External key, unique; 1–128 characters. */
  id: string;
  /** Identity verified by a trusted document check. */
  verified?: boolean | undefined;
  /** When the account was opened (drives account age and Sybil trust damping). */
  accountCreated?: string | undefined;
  /** Monthly income in currency units. */
  incomeMonthly?: number | undefined;
  /** Monthly debt service in currency units. */
  debtMonthly?: number | undefined;
  /** Assets in currency units. */
  assets?: number | undefined;
  /** Share of utility/phone bills paid on time over the last 12 months. */
  billsOnTimeRatio?: number | undefined;
  /** Regularity of account activity over the last 12 months (1 = every month). */
  activityRegularity?: number | undefined;
  /** Address changes in the last 3 years (weight 0 in the default model). */
  addressChanges?: number | undefined;
  /** Protected: never read by scoring code. */
  birthYear?: number | undefined;
  /** Protected: never read by scoring code. */
  sex?: Sex | undefined;
}

/** An undirected friendship between two persons. */
export interface Friendship {
  a: string;
  b: string;
  /** When the friendship was declared. */
  since: string;
  /** Interactions (messages, calls, meetings) in the last 12 months. */
  interactions: number;
}

/** Payments from one person to another, aggregated per ordered pair. */
export interface Transaction {
  from: string;
  to: string;
  /** Number of payments. */
  count: number;
  /** Total amount paid, currency units. */
  amount: number;
  /** Date of the latest payment. */
  lastAt: string;
}

/** One credit record. */
export interface CreditEvent {
  /** External key, unique. */
  id: string;
  personId: string;
  kind: EventKind;
  /** When it happened (for `blacklisted`: when the listing started). */
  at: string;
  /** Amount concerned, currency units. */
  amount: number;
  /** Who reported it (lender, court, utility). */
  source: string;
  /** Only for `blacklisted`: when the listing ends; absent = open-ended. */
  until?: string | undefined;
  status: EventStatus;
}
