import { describe, expect, it } from 'vitest';
import { fitMonotoneLogistic } from '../../../src/fit/monotone-logistic.js';
import { mulberry32 } from '../../../src/prng.js';

/** n persons with uniform columns and outcomes drawn from σ(a − Σ c_k x_k). */
function simulate(n: number, a: number, c: number[], seed = 1) {
  const random = mulberry32(seed);
  const columns = c.map(() => new Float64Array(n));
  const outcomes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = a;
    c.forEach((ck, k) => {
      const x = random();
      columns[k]![i] = x;
      z -= ck * x;
    });
    outcomes[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { columns, outcomes };
}

function meanLogLoss(columns: Float64Array[], outcomes: Uint8Array, a: number, c: number[]): number {
  let sum = 0;
  for (let i = 0; i < outcomes.length; i++) {
    let z = a;
    c.forEach((ck, k) => (z -= ck * columns[k]![i]!));
    sum += Math.log1p(Math.exp(z)) - outcomes[i]! * z;
  }
  return sum / outcomes.length;
}

describe('fitMonotoneLogistic', () => {
  it('recovers the coefficients that generated the outcomes', () => {
    const { columns, outcomes } = simulate(40_000, 0.5, [3, 1]);
    const fit = fitMonotoneLogistic(columns, outcomes);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(0.5, 0);
    expect(fit.coefficients[0]).toBeGreaterThan(2.7);
    expect(fit.coefficients[0]).toBeLessThan(3.3);
    expect(fit.coefficients[1]).toBeGreaterThan(0.7);
    expect(fit.coefficients[1]).toBeLessThan(1.3);
  });

  it('holds a coefficient that would lower scores for better values at 0, at the constrained optimum (brute force)', () => {
    // The second column *raises* the risk: unconstrained, its coefficient would be negative.
    const { columns, outcomes } = simulate(1_500, 0, [2, -1.5], 7);
    const fit = fitMonotoneLogistic(columns, outcomes);
    expect(fit.coefficients[1]).toBe(0);
    // No point of a fine grid over (a, c_1) with c_2 = 0, nor with c_2 > 0, does better.
    let best = Infinity;
    for (let a = -1; a <= 1.5; a += 0.04) {
      for (let c1 = 0; c1 <= 4; c1 += 0.04) {
        for (const c2 of [0, 0.05, 0.2]) best = Math.min(best, meanLogLoss(columns, outcomes, a, [c1, c2]));
      }
    }
    expect(fit.logLoss).toBeLessThanOrEqual(best + 1e-9);
    expect(fit.logLoss).toBeCloseTo(meanLogLoss(columns, outcomes, fit.intercept, fit.coefficients), 6);
  });

  it('refuses outcomes it cannot fit, naming the problem', () => {
    const x = Float64Array.of(0.1, 0.2, 0.3);
    expect(() => fitMonotoneLogistic([x], Uint8Array.of(0, 0, 0))).toThrow(/^fit: the outcomes need both defaults and non-defaults/);
    expect(() => fitMonotoneLogistic([x], Uint8Array.of(0, 1))).toThrow(/^fit: column 0 has 3 values for 2 outcomes/);
    expect(() => fitMonotoneLogistic([x], Float64Array.of(0, 2, 1))).toThrow(/^fit: outcome 1 is 2/);
    expect(() => fitMonotoneLogistic([], new Uint8Array(0))).toThrow(/^fit: no persons/);
  });
});
