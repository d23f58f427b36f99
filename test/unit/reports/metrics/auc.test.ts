import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc } from '../../../../src/reports/metrics/auc.js';

/** P(good outscores bad) + ½ P(tie), by counting every (good, bad) pair. */
function pairwiseAuc(score: number[], bad: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let g = 0; g < score.length; g++) {
    if (bad[g]) continue;
    for (let b = 0; b < score.length; b++) {
      if (!bad[b]) continue;
      pairs++;
      wins += score[g]! > score[b]! ? 1 : score[g] === score[b] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

/** Scores from a small set of values (many ties) with at least one good and one bad. */
const sample = fc
  .array(fc.record({ score: fc.integer({ min: 350, max: 360 }), bad: fc.integer({ min: 0, max: 1 }) }), { minLength: 2, maxLength: 60 })
  .filter((rows) => rows.some((r) => r.bad === 1) && rows.some((r) => r.bad === 0))
  .map((rows) => ({ score: rows.map((r) => r.score), bad: rows.map((r) => r.bad) }));

describe('auc', () => {
  it('counts pairs, ties as one half', () => {
    expect(auc([700, 600, 500], [0, 0, 1])).toBe(1);
    expect(auc([500, 600, 700], [0, 0, 1])).toBe(0);
    expect(auc([600, 600], [0, 1])).toBe(0.5);
    // goods 700, 600; bads 600, 500: pairs (700>600) (700>500) (600=600 → ½) (600>500) → 3.5 / 4
    expect(auc([700, 600, 600, 500], [0, 0, 1, 1])).toBe(0.875);
    expect(auc([1, 2, 3], [true, false, false])).toBe(1);
  });

  it('is NaN without goods or without bads', () => {
    expect(auc([1, 2], [0, 0])).toBeNaN();
    expect(auc([1, 2], [1, 1])).toBeNaN();
    expect(auc([], [])).toBeNaN();
  });

  it('refuses mismatched lengths and non-finite scores', () => {
    expect(() => auc([1, 2], [0])).toThrow(/2 scores but 1 outcomes/);
    expect(() => auc([1, NaN], [0, 1])).toThrow(/not a finite number/);
  });

  it('equals the brute-force pairwise count', () => {
    fc.assert(fc.property(sample, ({ score, bad }) => {
      expect(auc(score, bad)).toBeCloseTo(pairwiseAuc(score, bad), 12);
    }));
  });

  it('of the reversed score is 1 − AUC', () => {
    fc.assert(fc.property(sample, ({ score, bad }) => {
      expect(auc(score.map((s) => -s), bad)).toBeCloseTo(1 - auc(score, bad), 12);
    }));
  });

  it('is unchanged by a strictly increasing transform of the score', () => {
    fc.assert(fc.property(sample, fc.double({ min: 0.1, max: 10, noNaN: true }), ({ score, bad }, k) => {
      expect(auc(score.map((s) => k * (s - 355) ** 3 + s), bad)).toBeCloseTo(auc(score, bad), 12);
    }));
  });

  it('does not depend on the order of the persons', () => {
    fc.assert(fc.property(sample, ({ score, bad }) => {
      const order = score.map((_s, i) => i).reverse();
      expect(auc(order.map((i) => score[i]!), order.map((i) => bad[i]!))).toBeCloseTo(auc(score, bad), 12);
    }));
  });
});
