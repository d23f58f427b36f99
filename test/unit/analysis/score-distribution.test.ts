/** Counts per band and histogram bins of a population's scores. */
import { describe, expect, it } from 'vitest';
import { scoreDistribution } from '../../../src/analysis/score-distribution.js';

describe('scoreDistribution', () => {
  it('counts each score once per band and once per bin, skipping the unscored', () => {
    const d = scoreDistribution(Float64Array.of(350, 549, 550, 649.5, 700, 950, NaN), 50);
    expect(d.scored).toBe(6);
    expect(d.meanScore).toBe(Math.round(((350 + 549 + 550 + 649.5 + 700 + 950) / 6) * 100) / 100);
    expect(Object.fromEntries(d.bands.map((b) => [b.band, b.count]))).toEqual({ poor: 2, fair: 1, good: 1, very_good: 0, excellent: 2 });
    expect(d.histogram.bins).toHaveLength(12);
    expect(d.histogram.bins[0]).toEqual({ from: 350, to: 400, count: 1 });
    expect(d.histogram.bins[3]).toEqual({ from: 500, to: 550, count: 1 }); // 549
    expect(d.histogram.bins[4]).toEqual({ from: 550, to: 600, count: 1 }); // 550
    expect(d.histogram.bins[11]).toEqual({ from: 900, to: 950, count: 1 }); // 950 joins the last bin
    expect(d.histogram.bins.reduce((sum, b) => sum + b.count, 0)).toBe(6);
  });

  it('cuts the last bin at 950 when the width does not divide the scale', () => {
    const d = scoreDistribution([], 25 * 7);
    expect(d.histogram.bins.at(-1)).toEqual({ from: 875, to: 950, count: 0 });
    expect(d.scored).toBe(0);
    expect(d.meanScore).toBeNull();
  });

  it('refuses a bin width that is not a positive whole number', () => {
    expect(() => scoreDistribution([], 0)).toThrow(/score-distribution: binWidth/);
    expect(() => scoreDistribution([], 2.5)).toThrow(/score-distribution: binWidth/);
  });
});
