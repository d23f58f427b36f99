import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/prng.js';
import { auc } from '../../../../src/reports/metrics/auc.js';
import { aucDifference, quantileOfSorted } from '../../../../src/reports/metrics/bootstrap.js';

/** n persons with a latent risk; `a` sees it clearly, `b` through more noise. */
function population(n: number, seed: number) {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const bad = new Uint8Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const risk = normal();
    bad[i] = random() < 1 / (1 + Math.exp(-(-2.5 + 1.5 * risk))) ? 1 : 0;
    a[i] = -risk + 0.5 * normal();
    b[i] = -risk + 1.5 * normal();
  }
  return { a, b, bad };
}

describe('aucDifference', () => {
  it('is AUC(a) − AUC(b) on the sample, with an interval around it', () => {
    const { a, b, bad } = population(4000, 3);
    const d = aucDifference(a, b, bad, { replicates: 300, seed: 9 });
    expect(d.difference).toBeCloseTo(auc(a, bad) - auc(b, bad), 12);
    expect(d.lower).toBeLessThan(d.difference);
    expect(d.upper).toBeGreaterThan(d.difference);
    expect(d.lower).toBeGreaterThan(0); // a really is better
    expect(d.standardError).toBeGreaterThan(0);
    expect(d.standardError).toBeLessThan(0.05);
  });

  it('is exactly 0 with a degenerate interval for identical scores', () => {
    const { a, bad } = population(500, 4);
    const d = aucDifference(a, a, bad, { replicates: 50 });
    expect([d.difference, d.lower, d.upper, d.standardError]).toEqual([0, 0, 0, 0]);
  });

  it('covers the true difference about 95% of the time', () => {
    // The population-level difference, estimated on a large sample.
    const big = population(50_000, 100);
    const truth = auc(big.a, big.bad) - auc(big.b, big.bad);
    let covered = 0;
    const trials = 20;
    for (let t = 0; t < trials; t++) {
      const { a, b, bad } = population(800, 200 + t);
      const d = aucDifference(a, b, bad, { replicates: 150, seed: t + 1 });
      if (d.lower <= truth && truth <= d.upper) covered++;
    }
    expect(covered / trials).toBeGreaterThanOrEqual(0.8);
  });

  it('is reproducible for a seed', () => {
    const { a, b, bad } = population(800, 5);
    expect(aucDifference(a, b, bad, { replicates: 40, seed: 7 })).toEqual(aucDifference(a, b, bad, { replicates: 40, seed: 7 }));
  });

  it('refuses bad options and mismatched inputs', () => {
    expect(() => aucDifference([1, 2], [1], [0, 1])).toThrow(/must match/);
    expect(() => aucDifference([1, 2], [1, 2], [0, 1], { replicates: 0 })).toThrow(/replicates/);
    expect(() => aucDifference([1, 2], [1, 2], [0, 1], { confidence: 1 })).toThrow(/confidence/);
  });
});

describe('quantileOfSorted', () => {
  it('interpolates between order statistics', () => {
    expect(quantileOfSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileOfSorted([1, 2, 3], 0.5)).toBe(2);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
  });
});
