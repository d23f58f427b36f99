import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMoney, formatRatio, roundMoney, roundRatio } from '../../../src/synth/format.js';
import { DateLabels, parseIsoDate } from '../../../src/synth/dates.js';

describe('fixed-decimal formatting', () => {
  it('writes money with exactly two decimals, like toFixed(2) of the rounded value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (cents) => {
        const x = cents / 100;
        expect(formatMoney(x)).toBe(x.toFixed(2));
        expect(Number(formatMoney(x))).toBe(roundMoney(x));
      }),
    );
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney(1234.5)).toBe('1234.50');
    expect(formatMoney(0.005)).toBe('0.01');
    expect(formatMoney(-2.5)).toBe('-2.50');
  });

  it('writes ratios with exactly four decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (r) => {
        const text = formatRatio(roundRatio(r));
        expect(text).toMatch(/^[01]\.\d{4}$/);
        expect(Number(text)).toBe(roundRatio(r));
      }),
    );
    expect(formatRatio(0.5)).toBe('0.5000');
    expect(formatRatio(1)).toBe('1.0000');
    expect(formatRatio(0.00005)).toBe('0.0001');
  });
});

describe('dates', () => {
  it('parses only real calendar dates', () => {
    expect(parseIsoDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('2026-13-01')).toBeUndefined();
    expect(parseIsoDate('26-01-01')).toBeUndefined();
    expect(parseIsoDate('2026-1-1')).toBeUndefined();
  });

  it('labels day ages before (and after) asOf', () => {
    const dates = new DateLabels('2026-03-01');
    expect(dates.label(0)).toBe('2026-03-01');
    expect(dates.label(1)).toBe('2026-02-28');
    expect(dates.label(-1)).toBe('2026-03-02');
    expect(dates.label(365)).toBe('2025-03-01');
    expect(dates.year).toBe(2026);
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 40_000 }), (days) => {
        const expected = new Date(Date.UTC(2026, 2, 1) - days * 86_400_000).toISOString().slice(0, 10);
        expect(dates.label(days)).toBe(expected);
        expect(dates.label(days)).toBe(expected); // cached path
      }),
    );
  });

  it('rejects a bad asOf', () => {
    expect(() => new DateLabels('2026-06-31')).toThrow(/synth\/dates: asOf must be a YYYY-MM-DD date/);
  });
});
