import { describe, expect, it } from 'vitest';
import { BANDS, bandOf, SCORE_MAX, SCORE_MIN, SCORE_SPAN } from '../../../src/score/bands.js';

describe('bands', () => {
  it('cover 350–950 without gaps or overlaps', () => {
    expect(BANDS[0].min).toBe(SCORE_MIN);
    expect(BANDS[BANDS.length - 1]?.max).toBe(SCORE_MAX);
    for (let i = 1; i < BANDS.length; i++) expect(BANDS[i]?.min).toBe((BANDS[i - 1]?.max ?? NaN) + 1);
    expect(SCORE_SPAN).toBe(600);
  });

  it.each([
    [350, 'poor'],
    [549, 'poor'],
    [550, 'fair'],
    [599, 'fair'],
    [600, 'good'],
    [649, 'good'],
    [650, 'very_good'],
    [699, 'very_good'],
    [700, 'excellent'],
    [950, 'excellent'],
  ])('bandOf(%i) is %s', (score, id) => {
    expect(bandOf(score).id).toBe(id);
  });

  it('places a fractional score by its value, not rounded', () => {
    expect(bandOf(549.6).id).toBe('poor');
  });

  it.each([349, 951, NaN])('rejects %s', (score) => {
    expect(() => bandOf(score)).toThrow(RangeError);
  });
});
