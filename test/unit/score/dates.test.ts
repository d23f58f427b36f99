import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH, dayNumber, monthsBetween } from '../../../src/score/dates.js';

describe('dates', () => {
  it('counts days since 1970-01-01 in UTC', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dayNumber('2026-11-01T23:59:59+14:00')).toBe(dayNumber('2026-11-01'));
  });

  it('answers a date it has parsed before, and one past the parsed-date bound, as it did the first time', () => {
    const dates = Array.from({ length: 70_000 }, (_, k) => new Date(Date.UTC(1900, 0, 1) + k * 86_400_000).toISOString().slice(0, 10));
    const first = dates.map(dayNumber);
    expect(dates.map(dayNumber)).toEqual(first);
    expect(first[69_999]! - first[0]!).toBe(69_999);
    expect(dayNumber('1900-01-01')).toBe(-25_567);
    for (let k = 0; k < 2; k++) expect(() => dayNumber('2021-02-30')).toThrow(RangeError); // a refusal is not remembered as a day
  });

  it('measures months of 365.25/12 days', () => {
    expect(DAYS_PER_MONTH).toBe(30.4375);
    expect(monthsBetween('2026-01-01', '2026-01-31')).toBeCloseTo(30 / 30.4375, 12);
    expect(monthsBetween('2026-01-31', '2026-01-01')).toBeLessThan(0);
  });

  it.each(['2026-02-30', '2026-13-01', '26-11-01', '', 'yesterday'])('rejects %j', (text) => {
    expect(() => dayNumber(text)).toThrow(`score: "${text}" is not a YYYY-MM-DD date`);
  });
});
