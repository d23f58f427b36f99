// Shared test data for the scorecard tests: the default model, two hand-scored persons, and
// fast-check arbitraries for persons, events and valid random models.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { EVENT_KINDS, EVENT_STATUSES, SEXES, type CreditEvent, type EventKind, type Person } from '../../../src/domain/records.js';
import { dayNumber } from '../../../src/score/dates.js';
import { MEASURES, PERSONAL_DIMENSIONS, type MeasureName, type PersonalDimension } from '../../../src/score/measures.js';
import { DEFAULT_MODEL_PATH, parseModel, type Model } from '../../../src/score/model.js';

export const AS_OF = '2026-11-01';

/** The default model file as parsed JSON (for building variants). */
export function defaultModelJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8')) as Record<string, unknown>;
}

/**
 * The default model's bins with the weights the hand-scored examples (Ana, Bo, the reason-code
 * rankings) were worked out with — 0.35 / 0.25 / 0.20 / 0.15 / 0.05, model 2026.11b — so these
 * tests check the scorecard's arithmetic, not the default model's current choice of weights.
 */
export const defaultModel: Model = parseModel({
  ...defaultModelJson(),
  weights: { history: 0.35, behaviour: 0.25, capacity: 0.2, identity: 0.15, network: 0.05 },
});

/** The ISO date `days` days before `asOf` (negative: after). */
export function daysBefore(days: number, asOf = AS_OF): string {
  return new Date((dayNumber(asOf) - days) * 86_400_000).toISOString().slice(0, 10);
}

let nextEventId = 0;
export function event(
  personId: string,
  kind: EventKind,
  at: string,
  extra: Partial<CreditEvent> = {},
): CreditEvent {
  nextEventId += 1;
  return { id: `e${nextEventId}`, personId, kind, at, amount: 100, source: 'bank', status: 'active', ...extra };
}

/**
 * A person with every feature at its best, to vary one feature at a time (default model: an
 * account over 96 months old, no debt, assets of 62.5 months of income, bills and activity 1).
 */
export function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p1',
    verified: true,
    accountCreated: '2018-01-01',
    incomeMonthly: 4000,
    debtMonthly: 0,
    assets: 250_000,
    billsOnTimeRatio: 1,
    activityRegularity: 1,
    addressChanges: 0,
    ...overrides,
  };
}

// --- fast-check arbitraries -------------------------------------------------------------

const money = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50_000, noNaN: true, noDefaultInfinity: true }));
const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** Income, debt and assets; often in realistic proportions, so every bin gets visited. */
const financesArb = fc.oneof(
  fc.record({ incomeMonthly: money, debtMonthly: money, assets: money }),
  fc
    .record({ income: fc.integer({ min: 1, max: 20_000 }), debtShare: unit, assetMonths: fc.double({ min: 0, max: 24, noNaN: true }) })
    .map(({ income, debtShare, assetMonths }) => ({
      incomeMonthly: income,
      debtMonthly: income * debtShare,
      assets: income * assetMonths,
    })),
);

export const personArb: fc.Arbitrary<Person> = fc.record({
  id: fc.constant('p1'),
  verified: fc.boolean(),
  accountCreated: fc.integer({ min: -30, max: 5000 }).map((d) => daysBefore(d)),
  finances: financesArb,
  billsOnTimeRatio: unit,
  activityRegularity: unit,
  addressChanges: fc.nat(12),
  birthYear: fc.option(fc.integer({ min: 1920, max: 2010 }), { nil: undefined }),
  sex: fc.option(fc.constantFrom(...SEXES), { nil: undefined }),
}).map(({ finances, ...rest }) => ({ ...rest, ...finances }));

/** An event of person p1, from a little after the scoring date to beyond the retention window. */
export const eventArb: fc.Arbitrary<CreditEvent> = fc
  .record({
    kind: fc.constantFrom(...EVENT_KINDS),
    ageDays: fc.integer({ min: -60, max: 3300 }),
    status: fc.constantFrom(...EVENT_STATUSES),
    untilDays: fc.option(fc.integer({ min: -800, max: 800 }), { nil: undefined }),
  })
  .map(({ kind, ageDays, status, untilDays }) =>
    event('p1', kind, daysBefore(ageDays), {
      status,
      until: kind === 'blacklisted' && untilDays !== undefined ? daysBefore(-untilDays) : undefined,
    }),
  );

export const eventsArb = fc.array(eventArb, { maxLength: 15 });

interface ModelJson {
  features: Record<PersonalDimension, { measure: MeasureName; bins: { points: number }[]; typical?: number; missing?: { points: number } }[]>;
  [key: string]: unknown;
}

/** A valid model with random weights, decay, policy and monotone points on the default bins. */
export const modelArb: fc.Arbitrary<Model> = fc
  .record({
    weights: fc.tuple(fc.integer({ min: 1, max: 100 }), fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100)),
    halfLifeMonths: fc.integer({ min: 1, max: 120 }),
    retentionYears: fc.integer({ min: 1, max: 10 }),
    disputedEvents: fc.constantFrom('exclude', 'flag'),
    points: fc.array(fc.array(fc.nat(150), { minLength: 6, maxLength: 6 }), { minLength: 11, maxLength: 11 }),
    // Where typical and missing points fall between each feature's worst and best bin.
    between: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 11, maxLength: 11 }),
  })
  .map(({ weights, halfLifeMonths, retentionYears, disputedEvents, points, between }) => {
    const json = defaultModelJson() as ModelJson;
    const total = weights.reduce((a, b) => a + b, 0);
    const [history, behaviour, capacity, identity, network] = weights.map((w) => w / total);
    let row = 0;
    for (const dimension of PERSONAL_DIMENSIONS) {
      for (const feature of json.features[dimension]) {
        const [typicalAt, missingAt] = between[row] ?? [0, 0];
        const drawn = (points[row++] ?? []).slice(0, feature.bins.length).sort((a, b) => a - b);
        if (MEASURES[feature.measure].better === 'lower') drawn.reverse();
        feature.bins.forEach((bin, i) => (bin.points = drawn[i] ?? 0));
        const least = Math.min(...feature.bins.map((bin) => bin.points));
        const most = Math.max(...feature.bins.map((bin) => bin.points));
        if (feature.typical !== undefined) feature.typical = least + typicalAt * (most - least);
        if (feature.missing !== undefined) feature.missing = { points: least + missingAt * (most - least) };
      }
      // A dimension must be able to earn points; give its first feature's best bin one.
      const first = json.features[dimension][0];
      if (first && first.bins.every((bin) => bin.points === 0)) {
        const best = MEASURES[first.measure].better === 'lower' ? first.bins[0] : first.bins[first.bins.length - 1];
        if (best) best.points = 1;
      }
    }
    return parseModel({
      ...json,
      weights: { history, behaviour, capacity, identity, network },
      history: { halfLifeMonths, retentionYears },
      disputedEvents,
    });
  });

/** The default model most of the time, a random valid one otherwise. */
export const anyModelArb: fc.Arbitrary<Model> = fc.oneof(fc.constant(defaultModel), modelArb);

export const networkArb = fc.record({
  network: fc.option(unit, { nil: undefined }),
  networkPrior: unit,
});
