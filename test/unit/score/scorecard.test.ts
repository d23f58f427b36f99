import { describe, expect, it } from 'vitest';
import { ownScore, pointsPerUnit, scoreOwnDimensions, scorePerson } from '../../../src/score/scorecard.js';
import { AS_OF, defaultModel as model, event, person } from './fixtures.js';

// Ana: a solid file with one late repayment. Hand-computed with the default model:
//   history   defaults 0 → 80; late share 0.537/(0.537+1.497) = 0.264 → 55;
//             on-time record 56 months → 25; no listing → 30              = 190/320 = 0.59375
//   behaviour bills 0.97 → 50 of 160; regularity 0.9 → 15 of 30            = 65/190
//   capacity  debt 450/3000 = 0.15 → 35 of 50; assets 12000/3000 = 4 months → 8 of 110
//                                                                          = 43/160 = 0.26875
//   identity  verified → 10; account 81.5 months → 50 of 80; 2 moves → 0   = 60/90
//   network   0.6 (prior 0.55)
//   s = 350 + 600·(0.35·190/320 + 0.25·65/190 + 0.2·43/160 + 0.15·60/90 + 0.05·0.6)
//     = 350 + 600·(0.2078125 + 13/152 + 0.05375 + 0.1 + 0.03)
//     = 350 + 234.9375 + 7800/152 = 636.2532894736842
const ana = person({
  id: 'ana',
  verified: true,
  accountCreated: '2020-01-15',
  incomeMonthly: 3000,
  debtMonthly: 450,
  assets: 12_000,
  billsOnTimeRatio: 0.97,
  activityRegularity: 0.9,
  addressChanges: 2,
  birthYear: 1990,
  sex: 'F',
});
const anaEvents = [
  event('ana', 'repaid_on_time', '2022-03-01'),
  event('ana', 'repaid_on_time', '2024-06-01'),
  event('ana', 'repaid_on_time', '2026-06-01'),
  event('ana', 'repaid_late', '2025-01-15'),
];

// Bo: a thin, troubled file and no computed network value (the prior 0.5 stands in):
//   history   default 12 months ago (0.707) → 5; late share 1 → 0; record 0 → 0;
//             active listing → 0; a removed and a disputed default do not count = 5/320
//   behaviour bills 0.6 → 0; regularity 0.3 → 0                            = 0/190
//   capacity  debt 600/1000 = 0.6 → 2; assets 0.5 months → 0               = 2/160
//   identity  unverified → 0; account 2 months → 0                         = 0
//   s = 350 + 600·(0.35·5/320 + 0 + 0.2·2/160 + 0 + 0.05·0.5)
//     = 350 + 600·(0.00546875 + 0.0025 + 0.025) = 350 + 600·0.03296875 = 369.78125
const bo = person({
  id: 'bo',
  verified: false,
  accountCreated: '2026-09-01',
  incomeMonthly: 1000,
  debtMonthly: 600,
  assets: 500,
  billsOnTimeRatio: 0.6,
  activityRegularity: 0.3,
  addressChanges: 5,
});
const boDisputed = event('bo', 'defaulted', '2024-11-01', { status: 'disputed' });
const boEvents = [
  event('bo', 'defaulted', '2025-11-01'),
  event('bo', 'repaid_late', '2026-01-10'),
  event('bo', 'blacklisted', '2026-03-01'),
  event('bo', 'defaulted', '2026-02-01', { status: 'removed' }),
  boDisputed,
  event('bo', 'defaulted', '2026-12-01'),
];

describe('scorePerson', () => {
  it('scores Ana 636 (636.25), good', () => {
    const result = scorePerson({ person: ana, events: anaEvents, network: 0.6, networkPrior: 0.55, asOf: AS_OF, model });
    expect(result.exact).toBeCloseTo(636.2532894736842, 9);
    expect(result.score).toBe(636);
    expect(result.band).toBe('good');
    expect(result.dimensions).toEqual({ history: 190 / 320, behaviour: 65 / 190, capacity: 43 / 160, identity: 60 / 90, network: 0.6 });
    expect(result.own).toBeCloseTo((0.3615625 + 13 / 152) / 0.95, 12);
    expect(result.networkIsPrior).toBe(false);
    expect(result.modelVersion).toBe(model.version);
    expect(result.disputed).toEqual({ policy: 'exclude', eventIds: [] });
    // Reason codes measure against the model's typical points (the population average): Ana's
    // defaults, listing, regularity, debt and identity are at or above typical and cost nothing.
    expect(result.reasonCodes.map((r) => [r.code, r.pointsLost])).toEqual([
      ['H_LATE_SHARE', expect.closeTo(20.86875, 9)], // 600·0.35·(86.8 − 55)/320
      ['H_TRACK_RECORD', expect.closeTo(12.928125, 9)], // 600·0.35·(44.7 − 25)/320
      ['C_ASSETS', expect.closeTo(12.75, 9)], // 600·0.2·(25 − 8)/160
      ['B_BILLS', expect.closeTo(1860 / 190, 9)], // 600·0.25·(62.4 − 50)/190 = 9.79
    ]);
  });

  it('scores Bo 370 (369.78125), poor, with the prior as network dimension', () => {
    const result = scorePerson({ person: bo, events: boEvents, networkPrior: 0.5, asOf: AS_OF, model });
    expect(result.exact).toBeCloseTo(369.78125, 9);
    expect(result.score).toBe(370);
    expect(result.band).toBe('poor');
    expect(result.dimensions).toEqual({ history: 5 / 320, behaviour: 0, capacity: 2 / 160, identity: 0, network: 0.5 });
    expect(result.networkIsPrior).toBe(true);
    expect(result.disputed).toEqual({ policy: 'exclude', eventIds: [boDisputed.id] });
    expect(result.reasonCodes.map((r) => [r.code, r.pointsLost])).toEqual([
      ['H_LATE_SHARE', expect.closeTo(56.9625, 9)], // 600·0.35·(86.8 − 0)/320
      ['B_BILLS', expect.closeTo(9360 / 190, 9)], // 600·0.25·(62.4 − 0)/190 = 49.26
      ['H_DEFAULTS', expect.closeTo(44.428125, 9)], // 600·0.35·(72.7 − 5)/320
      ['I_ACCOUNT_AGE', expect.closeTo(29.8, 9)], // 600·0.15·(29.8 − 0)/90, just above H_TRACK_RECORD's 29.33
    ]);
  });

  it('counts Bo\u2019s disputed default when the model flags instead of excluding (366.5)', () => {
    // defaults 0.707 + 0.500 = 1.21 → 0 points: history 0, 600·0.35·5/320 = 3.28125 points lower.
    const flag = { ...model, disputedEvents: 'flag' as const };
    const result = scorePerson({ person: bo, events: boEvents, networkPrior: 0.5, asOf: AS_OF, model: flag });
    expect(result.exact).toBeCloseTo(366.5, 9);
    expect(result.disputed).toEqual({ policy: 'flag', eventIds: [boDisputed.id] });
  });

  it('is 350 + own·b + network·n with pointsPerUnit', () => {
    const result = scorePerson({ person: bo, events: boEvents, network: 0.3, networkPrior: 0.5, asOf: AS_OF, model });
    const perUnit = pointsPerUnit(model);
    expect(result.exact).toBeCloseTo(350 + perUnit.own * result.own + perUnit.network * 0.3, 9);
  });

  it('names the network when it pulls the score below the prior, never when it is the prior', () => {
    // Cleo: a best file but for bills 0.97 (50 points against a typical 62.4: 600·0.25·12.4/190
    // = 9.79), regularity 0.9 and debt 600/4000 = 0.15 (both above typical: no cost). Her
    // contacts at 0.1 against the prior 0.55 cost 600·0.05·0.45 = 13.5 points.
    const cleo = person({ id: 'cleo', billsOnTimeRatio: 0.97, activityRegularity: 0.9, debtMonthly: 600 });
    const cleoEvents = [event('cleo', 'repaid_on_time', '2020-01-01')]; // 82 months: full track record
    const low = scorePerson({ person: cleo, events: cleoEvents, network: 0.1, networkPrior: 0.55, asOf: AS_OF, model });
    expect(low.reasonCodes.map((r) => r.code)).toEqual(['N_NETWORK', 'B_BILLS']);
    expect(low.reasonCodes[0]?.pointsLost).toBeCloseTo(13.5, 9);
    const above = scorePerson({ person: cleo, events: cleoEvents, network: 0.56, networkPrior: 0.55, asOf: AS_OF, model });
    expect(above.reasonCodes.map((r) => r.code)).toEqual(['B_BILLS']);
    const prior = scorePerson({ person: cleo, events: cleoEvents, networkPrior: 0.1, asOf: AS_OF, model });
    expect(prior.reasonCodes.map((r) => r.code)).not.toContain('N_NETWORK');
  });

  it('rejects events of another person and network values outside [0, 1]', () => {
    const stray = event('someone-else', 'defaulted', AS_OF);
    expect(() => scorePerson({ person: ana, events: [stray], networkPrior: 0.5, asOf: AS_OF, model })).toThrow(
      `score: event ${stray.id} belongs to someone-else, not to ana`,
    );
    expect(() => scorePerson({ person: ana, events: [], network: 1.2, networkPrior: 0.5, asOf: AS_OF, model })).toThrow(
      'score: network must be in [0, 1], got 1.2',
    );
    expect(() => scorePerson({ person: ana, events: [], networkPrior: NaN, asOf: AS_OF, model })).toThrow(RangeError);
  });

  it('reaches 950 for a perfect file and 350 for the worst', () => {
    const best = person();
    const bestEvents = [event('p1', 'repaid_on_time', '2020-01-01')];
    expect(scorePerson({ person: best, events: bestEvents, network: 1, networkPrior: 0.5, asOf: AS_OF, model }).score).toBe(950);
    const worst = person({
      verified: false,
      accountCreated: AS_OF,
      incomeMonthly: 0,
      debtMonthly: 100,
      assets: 0,
      billsOnTimeRatio: 0,
      activityRegularity: 0,
    });
    const worstEvents = [
      event('p1', 'defaulted', AS_OF),
      event('p1', 'defaulted', AS_OF),
      event('p1', 'repaid_late', AS_OF),
      event('p1', 'blacklisted', AS_OF),
    ];
    const result = scorePerson({ person: worst, events: worstEvents, network: 0, networkPrior: 0.5, asOf: AS_OF, model });
    expect(result.score).toBe(350);
    expect(result.reasonCodes).toHaveLength(4);
  });
});

describe('ownScore', () => {
  it('weights the four own dimensions and renormalises to [0, 1]', () => {
    expect(ownScore({ history: 1, behaviour: 1, capacity: 0.5, identity: 1 }, model)).toBeCloseTo(1 - 0.1 / 0.95, 12);
    expect(ownScore({ history: 0, behaviour: 0, capacity: 0, identity: 0 }, model)).toBe(0);
    expect(ownScore({ history: 1, behaviour: 1, capacity: 1, identity: 1 }, model)).toBeCloseTo(1, 12);
  });

  it('is what scoreOwnDimensions reports', () => {
    const own = scoreOwnDimensions({ person: ana, events: anaEvents, asOf: AS_OF, model });
    expect(own.own).toBeCloseTo((0.3615625 + 13 / 152) / 0.95, 12);
    expect(own.history.value).toBe(190 / 320);
  });
});

describe('pointsPerUnit', () => {
  it('is 600·(1 − w_network) per unit of own score and 600·w_network per unit of network', () => {
    const perUnit = pointsPerUnit(model);
    expect(perUnit.own).toBeCloseTo(570, 9);
    expect(perUnit.network).toBeCloseTo(30, 9);
  });
});
