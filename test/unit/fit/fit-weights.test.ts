import { describe, expect, it } from 'vitest';
import { fitWeights, type DimensionColumns } from '../../../src/fit/fit-weights.js';
import { fitMonotoneLogistic } from '../../../src/fit/monotone-logistic.js';
import { mulberry32 } from '../../../src/prng.js';

/** Five dimensions in [0, 1]; the network one carries as much signal as history. */
function population(n: number, seed = 3) {
  const random = mulberry32(seed);
  const names = ['history', 'behaviour', 'capacity', 'identity', 'network'] as const;
  const strength = { history: 3, behaviour: 2, capacity: 1, identity: 0.2, network: 3 };
  const columns = Object.fromEntries(names.map((d) => [d, new Float64Array(n)])) as unknown as Record<(typeof names)[number], Float64Array>;
  const outcomes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = 1;
    for (const d of names) {
      const x = random();
      columns[d][i] = x;
      z -= strength[d] * x;
    }
    outcomes[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { columns: columns as DimensionColumns, outcomes };
}

const sum = (w: Record<string, number>) => Object.values(w).reduce((a, b) => a + b, 0);

describe('fitWeights', () => {
  const { columns, outcomes } = population(20_000);

  it('gives weights ≥ 0 that sum to 1, in the order of the signal each dimension carries', () => {
    const { weights, capped } = fitWeights(columns, outcomes, 599);
    expect(capped).toBe(false);
    expect(sum(weights)).toBeCloseTo(1, 12);
    for (const w of Object.values(weights)) expect(w).toBeGreaterThanOrEqual(0);
    expect(weights.history).toBeGreaterThan(weights.behaviour);
    expect(weights.behaviour).toBeGreaterThan(weights.capacity);
    expect(weights.network).toBeGreaterThan(0.25); // 3 of 9.2 units of signal
  });

  it('holds the network to the cap, at the best weights the cap allows', () => {
    const { weights, capped, fit } = fitWeights(columns, outcomes, 60);
    expect(capped).toBe(true);
    expect(weights.network).toBeCloseTo(0.1, 6);
    expect(sum(weights)).toBeCloseTo(1, 12);
    // Brute force over the network's share s ≤ 0.1: each s fixes c_network = s/(1 − s)·Σ own c_k.
    const own = [columns.history, columns.behaviour, columns.capacity, columns.identity];
    for (const s of [0, 0.02, 0.05, 0.08]) {
      const rho = s / (1 - s);
      const blended = own.map((c) => Float64Array.from(c, (x, i) => x + rho * columns.network[i]!));
      expect(fit.logLoss).toBeLessThanOrEqual(fitMonotoneLogistic(blended, outcomes).logLoss + 1e-12);
    }
  });

  it('gives a dimension that is the same for everybody weight 0, also when the cap binds', () => {
    const constant = { ...columns, capacity: new Float64Array(outcomes.length).fill(0.5), identity: new Float64Array(outcomes.length).fill(0.3) };
    for (const cap of [60, 599]) {
      const { weights } = fitWeights(constant, outcomes, cap);
      expect(weights.capacity).toBe(0);
      expect(weights.identity).toBe(0);
      expect(sum(weights)).toBeCloseTo(1, 12);
    }
    expect(fitWeights(constant, outcomes, 60).weights.network).toBeCloseTo(0.1, 6);
    const nothing = { ...constant, history: constant.capacity, behaviour: constant.capacity };
    expect(() => fitWeights(nothing, outcomes, 0)).toThrow(/^fit: every own dimension is the same for everybody/);
  });

  it('fits without the network dimension at cap 0, and refuses a cap outside [0, 600)', () => {
    expect(fitWeights(columns, outcomes, 0).weights.network).toBe(0);
    expect(() => fitWeights(columns, outcomes, 600)).toThrow(/^fit: the network cap must be in \[0, 600\) points/);
    expect(() => fitWeights(columns, outcomes, -1)).toThrow(/network cap/);
  });
});
