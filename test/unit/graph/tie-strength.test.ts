import { describe, expect, it } from 'vitest';
import { friendStrength, paidStrength, trustArray, trustOf } from '../../../src/graph/tie-strength.js';

describe('tie strength and trust', () => {
  it('friendStrength saturates in interactions and a silent friendship fades with age', () => {
    expect(friendStrength(0, 0)).toBeCloseTo(1 - Math.exp(-0.1), 12);
    expect(friendStrength(365, 0)).toBeCloseTo(1 - Math.exp(-0.05), 12); // declaration at half weight
    expect(friendStrength(0, 10)).toBeCloseTo(1 - Math.exp(-1.1), 12);
    expect(friendStrength(400, 1000)).toBeCloseTo(1, 12);
    expect(friendStrength(400, 30)).toBeGreaterThan(friendStrength(400, 10));
  });

  it('paidStrength grows with count and amount and halves per half-life since the last payment', () => {
    expect(paidStrength(5, 1000, 0)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(paidStrength(5, 1000, 365)).toBeCloseTo(0.5 * (1 - Math.exp(-2)), 12);
    expect(paidStrength(5, 1000, 730)).toBeCloseTo(0.25 * (1 - Math.exp(-2)), 12);
    expect(paidStrength(10, 0, 0)).toBeGreaterThan(paidStrength(5, 0, 0));
    expect(paidStrength(0, 0, 0)).toBe(0);
  });

  it('trustOf damps unverified and new accounts', () => {
    expect(trustOf(true, 400)).toBe(1);
    expect(trustOf(false, 400)).toBe(0.1);
    expect(trustOf(true, 45)).toBe(0.5);
    expect(trustOf(false, 45)).toBeCloseTo(0.05, 15);
    expect(trustOf(true, 0)).toBe(0);
    expect(Array.from(trustArray(Uint8Array.of(1, 0), Int32Array.of(9, 900)))).toEqual([0.1, 0.1]);
  });
});
