/** Nice axis ticks for the page's charts. */
import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../../src/web/charts/ticks.js';

describe('niceTicks', () => {
  it('covers the range with 1-2-5 steps from zero', () => {
    expect(niceTicks(719, 5)).toEqual([0, 200, 400, 600, 800]);
    expect(niceTicks(100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(3, 4)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1, 5, 0, 1)).toEqual([0, 1]);
    expect(niceTicks(1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.9, 3)).toEqual([0, 0.5, 1]);
  });

  it('starts at a nice value below `from`', () => {
    expect(niceTicks(720, 4, 510)).toEqual([500, 600, 700, 800]);
    expect(niceTicks(640, 4, 610)).toEqual([610, 620, 630, 640]);
  });
});
