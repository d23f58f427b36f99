import { describe, expect, it } from 'vitest';
import { pointsForValue, scoreDimension } from '../../../src/score/dimension.js';
import { defaultModel } from './fixtures.js';

describe('pointsForValue', () => {
  const bins = [
    { upTo: 0, points: 100 },
    { upTo: 0.5, points: 50 },
    { points: 0 },
  ];

  it('puts a value in the first bin whose upTo reaches it; upTo is inclusive', () => {
    expect(pointsForValue(bins, -1)).toBe(100);
    expect(pointsForValue(bins, 0)).toBe(100);
    expect(pointsForValue(bins, 1e-9)).toBe(50);
    expect(pointsForValue(bins, 0.5)).toBe(50);
    expect(pointsForValue(bins, 0.50001)).toBe(0);
    expect(pointsForValue(bins, Infinity)).toBe(0);
  });
});

describe('scoreDimension', () => {
  it('is points earned over points possible, with a row per feature', () => {
    const result = scoreDimension('behaviour', { billsOnTimeRatio: 0.96, activityRegularity: 0.8 }, defaultModel);
    // bills 0.96 → bin (0.95, 0.97] → 50 of 160; regularity 0.8 → bin (0.75, 0.85] → 10 of 30
    expect(result.value).toBe(60 / 190);
    expect(result.features).toEqual([
      { code: 'B_BILLS', measure: 'billsOnTimeRatio', value: 0.96, missing: false, points: 50, maxPoints: 160, referencePoints: 62.4, label: 'Bills paid on time', reason: 'Some bills were not paid on time' },
      { code: 'B_REGULARITY', measure: 'activityRegularity', value: 0.8, missing: false, points: 10, maxPoints: 30, referencePoints: 10.4, label: 'Regularity of account activity', reason: 'Irregular account activity' },
    ]);
  });

  it('scores an unknown value with the missing bin and says there is no information', () => {
    const result = scoreDimension('behaviour', { billsOnTimeRatio: undefined, activityRegularity: 0.8 }, defaultModel);
    expect(result.value).toBe((62 + 10) / 190);
    expect(result.features[0]).toEqual({
      code: 'B_BILLS',
      measure: 'billsOnTimeRatio',
      value: undefined,
      missing: true,
      points: 62,
      maxPoints: 160,
      referencePoints: 62.4,
      label: 'Bills paid on time',
      reason: 'No information on bill payments',
    });
  });

  it('scores an unknown value with the worst bin when the model has no missing bin (nothing is assumed)', () => {
    const noMissing = { ...defaultModel, features: { ...defaultModel.features, behaviour: defaultModel.features.behaviour.map(({ missing: _missing, ...f }) => f) } };
    expect(scoreDimension('behaviour', { billsOnTimeRatio: undefined, activityRegularity: 1 }, noMissing).features[0]!.points).toBe(0);
  });

  it('refuses a NaN value instead of scoring it in the last bin', () => {
    expect(() => scoreDimension('behaviour', { billsOnTimeRatio: NaN, activityRegularity: 1 }, defaultModel)).toThrow(
      'score: B_BILLS has no value (billsOnTimeRatio is NaN)',
    );
  });
});
