/**
 * The credit-history dimension: defaults, late and on-time repayments, court debtor listings.
 *
 * Which events count: not `removed` (a dispute was upheld), not `disputed` when the model's
 * policy is `exclude`, not after the scoring date, and not older than the retention window.
 * Age is measured from the event's `at` for every kind, including a debtor listing: a court
 * that renews a listing reports a new event. Each counted event weighs 0.5^(age / half-life),
 * so a default two half-lives old counts a quarter of a fresh one.
 */
import type { CreditEvent } from '../../domain/records.js';
import { dayNumber, DAYS_PER_MONTH } from '../dates.js';
import { scoreDimension, type DimensionScore } from '../dimension.js';
import type { MeasureOf } from '../measures.js';
import type { Model } from '../model.js';

/** The history dimension, with the disputed events it met. */
export interface HistoryScore extends DimensionScore {
  /** Disputed events in the window: left out (`exclude`) or counted (`flag`), per the model. */
  disputed: { policy: Model['disputedEvents']; eventIds: string[] };
}

/**
 * The history measures of a person's events on a date.
 *
 * @example
 * historyMeasures([], '2026-11-01', model);
 * // { decayedDefaults: 0, lateShare: 0, onTimeMonths: 0, activeBlacklist: 0 }
 */
export function historyMeasures(
  events: readonly CreditEvent[],
  asOf: string,
  model: Model,
): { values: Record<MeasureOf<'history'>, number>; disputedIds: string[] } {
  const today = dayNumber(asOf);
  const { halfLifeMonths, retentionYears } = model.history;
  const retentionMonths = retentionYears * 12;
  let defaults = 0;
  let late = 0;
  let onTime = 0;
  let onTimeMonths = 0;
  let activeBlacklist = 0;
  const disputedIds: string[] = [];
  for (const event of events) {
    if (event.status === 'removed') continue;
    const ageMonths = (today - dayNumber(event.at)) / DAYS_PER_MONTH;
    if (ageMonths < 0 || ageMonths > retentionMonths) continue;
    if (event.status === 'disputed') {
      disputedIds.push(event.id);
      if (model.disputedEvents === 'exclude') continue;
    }
    const weight = 0.5 ** (ageMonths / halfLifeMonths);
    switch (event.kind) {
      case 'defaulted':
        defaults += weight;
        break;
      case 'repaid_late':
        late += weight;
        break;
      case 'repaid_on_time':
        onTime += weight;
        onTimeMonths = Math.max(onTimeMonths, ageMonths);
        break;
      case 'blacklisted':
        if (event.until === undefined || dayNumber(event.until) > today) activeBlacklist = 1;
        break;
    }
  }
  const repayments = late + onTime;
  return {
    values: {
      decayedDefaults: defaults,
      lateShare: repayments > 0 ? late / repayments : 0,
      onTimeMonths,
      activeBlacklist,
    },
    disputedIds,
  };
}

/**
 * Scores the history dimension.
 *
 * @example
 * const h = scoreHistory(events, '2026-11-01', model);
 * h.value;                         // in [0, 1]
 * h.features.map((f) => f.code);   // ['H_DEFAULTS', 'H_LATE_SHARE', 'H_TRACK_RECORD', 'H_BLACKLIST']
 */
export function scoreHistory(events: readonly CreditEvent[], asOf: string, model: Model): HistoryScore {
  const { values, disputedIds } = historyMeasures(events, asOf, model);
  return {
    ...scoreDimension('history', values, model),
    disputed: { policy: model.disputedEvents, eventIds: disputedIds },
  };
}
