import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc } from '../../../../src/reports/metrics/auc.js';
import { areaUnder, rocCurve, thinCurve } from '../../../../src/reports/metrics/roc.js';

const sample = fc
  .array(fc.record({ score: fc.integer({ min: 0, max: 30 }), bad: fc.integer({ min: 0, max: 1 }) }), { minLength: 2, maxLength: 80 })
  .filter((rows) => rows.some((r) => r.bad === 1) && rows.some((r) => r.bad === 0))
  .map((rows) => ({ score: rows.map((r) => r.score), bad: rows.map((r) => r.bad) }));

describe('rocCurve', () => {
  it('runs from (0, 0) to (1, 1), one point per distinct score', () => {
    expect(rocCurve([500, 700], [1, 0])).toEqual([
      { fpr: 0, tpr: 0, score: null },
      { fpr: 0, tpr: 1, score: 500 },
      { fpr: 1, tpr: 1, score: 700 },
    ]);
  });

  it('is empty without goods or bads', () => {
    expect(rocCurve([1, 2], [0, 0])).toEqual([]);
  });

  it('encloses the AUC when not thinned, and is monotone', () => {
    fc.assert(fc.property(sample, ({ score, bad }) => {
      const curve = rocCurve(score, bad, { maxPoints: 1000 });
      expect(areaUnder(curve)).toBeCloseTo(auc(score, bad), 12);
      for (let k = 1; k < curve.length; k++) {
        expect(curve[k]!.fpr).toBeGreaterThanOrEqual(curve[k - 1]!.fpr);
        expect(curve[k]!.tpr).toBeGreaterThanOrEqual(curve[k - 1]!.tpr);
      }
    }));
  });

  it('keeps at most maxPoints points, both ends included', () => {
    const score = Array.from({ length: 5000 }, (_v, i) => i);
    const bad = score.map((s) => (s % 7 === 0 ? 1 : 0));
    const curve = rocCurve(score, bad);
    expect(curve.length).toBe(200);
    expect(curve[0]).toEqual({ fpr: 0, tpr: 0, score: null });
    expect(curve.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(Math.abs(areaUnder(curve) - auc(score, bad))).toBeLessThan(0.01);
  });
});

describe('thinCurve', () => {
  it('returns short curves whole and refuses fewer than 2 points', () => {
    expect(thinCurve([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(thinCurve([1, 2, 3, 4, 5], 3)).toEqual([1, 3, 5]);
    expect(() => thinCurve([1, 2, 3], 1)).toThrow(/maxPoints/);
  });
});
