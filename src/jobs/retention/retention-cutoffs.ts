/**
 * What the retention job removes (pure): credit events past the model's retention window —
 * exactly those the history dimension already ignores at today's date (older than
 * `retentionYears` in average months of 365.25/12 days, src/score/dimensions/history.ts) — and
 * access-log entries older than ACCESS_LOG_RETENTION_DAYS.
 */
import type { RetentionCutoffs } from '../../domain/privacy.js';
import { DAYS_PER_MONTH, dayNumber } from '../../score/index.js';

const MS_PER_DAY = 86_400_000;

export interface RetentionPolicy {
  /** The model's `history.retentionYears`. */
  retentionYears: number;
  /** ACCESS_LOG_RETENTION_DAYS. */
  accessLogRetentionDays: number;
}

/**
 * The first event date still inside the window and the first access-log instant still kept.
 * An event dated d (day number) is expired when `(today − d) / DAYS_PER_MONTH > 12·years`, that
 * is when d < today − 12·years·DAYS_PER_MONTH, i.e. d < ceil(that bound).
 *
 * @example
 * retentionCutoffs(new Date('2026-11-26T02:00:00Z'), { retentionYears: 7, accessLogRetentionDays: 730 });
 * // { eventsBefore: '2019-11-27', accessLogBefore: '2024-11-26T02:00:00.000Z' } (2019-11-26 is 84.01 months back)
 */
export function retentionCutoffs(now: Date, policy: RetentionPolicy): RetentionCutoffs {
  const today = dayNumber(now.toISOString());
  const firstKeptDay = Math.ceil(today - policy.retentionYears * 12 * DAYS_PER_MONTH);
  return {
    eventsBefore: new Date(firstKeptDay * MS_PER_DAY).toISOString().slice(0, 10),
    accessLogBefore: new Date(now.getTime() - policy.accessLogRetentionDays * MS_PER_DAY).toISOString(),
  };
}
