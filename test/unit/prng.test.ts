import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulberry32, Prng, xorshift32 } from '../../src/prng.js';
import { STREAMS } from '../../src/synth/streams.js';

const take = (rng: Prng, n: number): number[] => Array.from({ length: n }, () => rng.nextU32());

describe('Prng (xoshiro128**)', () => {
  it('matches the reference output from state {1, 2, 3, 4}', () => {
    expect(take(Prng.fromState([1, 2, 3, 4]), 6)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('replays the same stream for the same (seed, stream, index) and a different one otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.integer({ min: 0, max: 100 }), fc.nat(), (seed, stream, index) => {
        const a = take(new Prng(seed, stream, index), 8);
        expect(take(new Prng(seed, stream, index), 8)).toEqual(a);
        expect(take(new Prng(seed + 1, stream, index), 8)).not.toEqual(a);
        expect(take(new Prng(seed, stream + 1, index), 8)).not.toEqual(a);
        expect(take(new Prng(seed, stream, index + 1), 8)).not.toEqual(a);
      }),
    );
  });

  it('mixes both halves of a large seed', () => {
    expect(take(new Prng(2 ** 32 + 5), 4)).not.toEqual(take(new Prng(5), 4));
    expect(take(new Prng(-5), 4)).not.toEqual(take(new Prng(5), 4));
  });

  it('rejects a seed that is not a safe integer', () => {
    expect(() => new Prng(1.5)).toThrow(/^prng: seed must be a safe integer/);
    expect(() => new Prng(Number.NaN)).toThrow(/safe integer/);
  });

  it('draws with the advertised distributions', () => {
    const rng = new Prng(2026, STREAMS.persons);
    const n = 200_000;
    let u = 0;
    let uMin = 1;
    let uMax = 0;
    let z = 0;
    let zz = 0;
    let pois = 0;
    let expo = 0;
    let pareto = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.uniform();
      u += x;
      uMin = Math.min(uMin, x);
      uMax = Math.max(uMax, x);
      const g = rng.normal();
      z += g;
      zz += g * g;
      pois += rng.poisson(3.5);
      expo += rng.exponential(2);
      pareto += rng.pareto(1, 3);
    }
    expect(uMin).toBeGreaterThanOrEqual(0);
    expect(uMax).toBeLessThan(1);
    expect(u / n).toBeCloseTo(0.5, 2);
    expect(z / n).toBeCloseTo(0, 1);
    expect(zz / n).toBeCloseTo(1, 1);
    expect(pois / n).toBeCloseTo(3.5, 1);
    expect(expo / n).toBeCloseTo(2, 1);
    expect(pareto / n).toBeCloseTo(1.5, 1); // mean of Pareto(1, 3) = 3/2
  });

  it('int(n) stays in [0, n) and hits every value', () => {
    const rng = new Prng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
      seen.add(k);
    }
    expect(seen.size).toBe(7);
  });
});

describe('mulberry32 and xorshift32', () => {
  it('mulberry32 is a fixed sequence in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(5);
  });

  it('xorshift32 steps as Marsaglia’s 13/17/5 generator, unsigned, and never reaches 0', () => {
    expect(xorshift32(1)).toBe(270369);
    expect(xorshift32(270369)).toBe(67634689);
    let state = 0x9e3779b9;
    for (let k = 0; k < 10_000; k++) {
      state = xorshift32(state);
      expect(state > 0 && state < 2 ** 32).toBe(true);
    }
  });
});
