import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ks } from '../../../../src/reports/metrics/ks.js';

/** max over every observed t of |share of bads ≤ t − share of goods ≤ t|, directly. */
function directKs(score: number[], bad: number[]): number {
  const bads = score.filter((_s, i) => bad[i]);
  const goods = score.filter((_s, i) => !bad[i]);
  let best = 0;
  for (const t of score) {
    const gap = Math.abs(bads.filter((s) => s <= t).length / bads.length - goods.filter((s) => s <= t).length / goods.length);
    best = Math.max(best, gap);
  }
  return best;
}

const sample = fc
  .array(fc.record({ score: fc.integer({ min: 0, max: 12 }), bad: fc.integer({ min: 0, max: 1 }) }), { minLength: 2, maxLength: 60 })
  .filter((rows) => rows.some((r) => r.bad === 1) && rows.some((r) => r.bad === 0))
  .map((rows) => ({ score: rows.map((r) => r.score), bad: rows.map((r) => r.bad) }));

describe('ks', () => {
  it('is 1 for a complete separation, at the highest bad score', () => {
    expect(ks([500, 600, 700, 800], [1, 1, 0, 0])).toEqual({ ks: 1, atScore: 600 });
  });

  it('is 0 when goods and bads share one score', () => {
    expect(ks([600, 600, 600], [1, 0, 0]).ks).toBe(0);
  });

  it('is NaN without goods or bads', () => {
    expect(ks([1, 2], [0, 0]).ks).toBeNaN();
  });

  it('matches a direct computation of the two empirical distributions', () => {
    fc.assert(fc.property(sample, ({ score, bad }) => {
      expect(ks(score, bad).ks).toBeCloseTo(directKs(score, bad), 12);
    }));
  });

  it('is unchanged by a strictly increasing transform and by reversing the score', () => {
    fc.assert(fc.property(sample, ({ score, bad }) => {
      const base = ks(score, bad).ks;
      expect(ks(score.map((s) => 3 * s + 7), bad).ks).toBeCloseTo(base, 12);
      expect(ks(score.map((s) => -s), bad).ks).toBeCloseTo(base, 12);
    }));
  });
});
