/**
 * What a recourse answer says a person is NOT asked to change, and why: the network (tiescore
 * never advises choosing or dropping contacts), the past (a record fades with the model's
 * half-life and stops counting after its retention, or when a dispute upholds that it is wrong),
 * identity facts, and the protected attributes, which are never inputs at all.
 */
import type { CreditEvent, EventKind } from '../domain/records.js';
import { dayNumber, DAYS_PER_MONTH } from '../score/index.js';
import { formatMeasure, SCORE_SPAN, type FeatureScore, type Model, type PersonalDimension } from '../score/index.js';

/** Where a person disputes a record of their own that is wrong. */
export const DISPUTES_ROUTE = 'POST /v1/disputes';

export type NotActionableKind = 'network' | 'past' | 'identity' | 'fixed' | 'protected';

/** One thing the person is not asked to change. */
export interface NotActionable {
  kind: NotActionableKind;
  /** The feature's code (none for the network and the protected attributes). */
  code?: string;
  label: string;
  /** Score points it accounts for now, where that is a number (the network's share). */
  points?: number;
  text: string;
}

/** The events each history measure counts, for "when does it stop counting". */
const EVENTS_OF: Partial<Record<string, EventKind>> = { decayedDefaults: 'defaulted', lateShare: 'repaid_late', activeBlacklist: 'blacklisted' };

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * The day an event stops counting: the history dimension drops it once its age in months
 * exceeds the retention (src/score/dimensions/history.ts), i.e. on the first whole day past it.
 */
export function stopsCountingOn(at: string, model: Pick<Model, 'history'>): string {
  return isoDay(dayNumber(at) + Math.floor(model.history.retentionYears * 12 * DAYS_PER_MONTH) + 1);
}

/** The events a history measure counts on `asOf` under the model's rules (window, disputes, removal). */
function countedEvents(events: readonly CreditEvent[], kind: EventKind, asOf: string, model: Model): CreditEvent[] {
  const today = dayNumber(asOf);
  return events.filter((event) => {
    if (event.kind !== kind || event.status === 'removed') return false;
    if (event.status === 'disputed' && model.disputedEvents === 'exclude') return false;
    const days = today - dayNumber(event.at);
    if (kind === 'blacklisted' && event.until !== undefined && dayNumber(event.until) <= today) return false;
    return days >= 0 && days / DAYS_PER_MONTH <= model.history.retentionYears * 12;
  });
}

function pastText(feature: FeatureScore, events: readonly CreditEvent[], asOf: string, model: Model): string {
  const { halfLifeMonths, retentionYears } = model.history;
  const rule =
    `the past is not something you can change. Each record counts half as much every ${halfLifeMonths} months and stops ` +
    `counting ${retentionYears} years after it happened; a record that is wrong can be disputed (${DISPUTES_ROUTE}).`;
  const kind = EVENTS_OF[feature.measure];
  const head = `${feature.label}: ${formatMeasure(feature.measure, feature.value)}`;
  if (kind === undefined) return `${head} — ${rule}`;
  const counted = countedEvents(events, kind, asOf, model);
  if (counted.length === 0) return `${head} — ${rule}`;
  const last = counted.map((event) => event.at).sort().at(-1)!;
  const listedUntil = kind === 'blacklisted' ? counted.map((e) => e.until).filter((u): u is string => u !== undefined).sort().at(-1) : undefined;
  const until = listedUntil ?? stopsCountingOn(last, model);
  const records = counted.length === 1 ? 'the one record stops' : `all ${counted.length} records stop`;
  return `${head} — ${rule} On your record, ${records} counting by ${until}.`;
}

/**
 * The not-actionable list of a scored person: every own feature the model does not mark
 * actionable, the network's share, and the protected attributes.
 *
 * @example
 * notActionable({ features, network: 0.6, events, asOf: '2026-11-01', model }).map((x) => x.kind);
 * // ['past', 'past', 'past', 'past', 'identity', 'identity', 'network', 'protected']
 */
export function notActionable(input: {
  features: Record<PersonalDimension, readonly FeatureScore[]>;
  network: number;
  events: readonly CreditEvent[];
  asOf: string;
  model: Model;
}): NotActionable[] {
  const { model } = input;
  const list: NotActionable[] = [];
  for (const dimension of ['history', 'behaviour', 'capacity', 'identity'] as const) {
    model.features[dimension].forEach((modelFeature, index) => {
      if (modelFeature.actionable !== undefined) return;
      const feature = input.features[dimension][index]!;
      if (dimension === 'history') {
        list.push({ kind: 'past', code: feature.code, label: feature.label, text: pastText(feature, input.events, input.asOf, model) });
      } else if (dimension === 'identity') {
        list.push({
          kind: 'identity',
          code: feature.code,
          label: feature.label,
          text: `${feature.label}: ${formatMeasure(feature.measure, feature.value)} — a fact about your identity, not something you are asked to change.`,
        });
      } else {
        list.push({
          kind: 'fixed',
          code: feature.code,
          label: feature.label,
          text: `${feature.label}: ${formatMeasure(feature.measure, feature.value)} — the model does not count this as something you can change.`,
        });
      }
    });
  }
  const networkPoints = SCORE_SPAN * model.weights.network * input.network;
  list.push({
    kind: 'network',
    label: 'Network dimension (your contacts\u2019 credit records)',
    points: networkPoints,
    text:
      `Your network dimension brings ${networkPoints.toFixed(1)} of your points. It is not something you are asked to change: ` +
      `tiescore never advises anyone to choose or drop contacts. If you believe a contact's record is wrong, that contact can ` +
      `dispute it (${DISPUTES_ROUTE}); an upheld dispute removes the record from their score and from yours.`,
  });
  list.push({
    kind: 'protected',
    label: 'Protected attributes (age, sex and the like)',
    text: 'Protected attributes are never inputs to the score, so there is nothing about them to change.',
  });
  return list;
}
