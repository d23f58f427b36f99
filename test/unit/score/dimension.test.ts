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
    const result = scoreDimension('behaviour', { billsOnTimeRatio: 0.8, activityRegularity: 0.5 }, defaultModel);
    // bills 0.8 → 60 of 100; regularity 0.5 → 25 of 60
    expect(result.value).toBe(85 / 160);
    expect(result.features).toEqual([
      { code: 'B_BILLS', measure: 'billsOnTimeRatio', value: 0.8, points: 60, maxPoints: 100, reason: 'Some bills were not paid on time' },
      { code: 'B_REGULARITY', measure: 'activityRegularity', value: 0.5, points: 25, maxPoints: 60, reason: 'Irregular account activity' },
    ]);
  });

  it('refuses a missing value instead of scoring it in the last bin', () => {
    expect(() => scoreDimension('behaviour', { billsOnTimeRatio: NaN, activityRegularity: 1 }, defaultModel)).toThrow(
      'score: B_BILLS has no value (billsOnTimeRatio is NaN)',
    );
  });
});
