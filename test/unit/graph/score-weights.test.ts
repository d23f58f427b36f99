import { describe, expect, it } from 'vitest';
import { checkScoreWeights, DEFAULT_SCORE_WEIGHTS } from '../../../src/graph/score-weights.js';

describe('score weights', () => {
  it('defaults to DESIGN.md: network 0.05 of a 600-point scale, the own dimensions the rest', () => {
    expect(DEFAULT_SCORE_WEIGHTS).toEqual({ scale: 600, own: 0.95, network: 0.05 });
    expect(DEFAULT_SCORE_WEIGHTS.scale * DEFAULT_SCORE_WEIGHTS.network).toBeCloseTo(30, 12);
    expect(Object.isFrozen(DEFAULT_SCORE_WEIGHTS)).toBe(true);
  });

  it('rejects negative or non-finite weights with the caller’s module name', () => {
    expect(() => checkScoreWeights({ scale: 600, own: 0.95, network: -0.05 }, 'contagion')).toThrow(
      /^contagion: weights\.network must be a finite number ≥ 0, got -0\.05/,
    );
    expect(() => checkScoreWeights({ scale: NaN, own: 1, network: 0 }, 'influence')).toThrow(/^influence: weights\.scale/);
    expect(() => checkScoreWeights({ scale: 600, own: 1, network: 0 }, 'x')).not.toThrow();
  });
});
