import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, PERSONAL_DIMENSIONS, scoreOfDimensions, scorePerson, scoreWithoutNetwork, type Dimensions } from '../../../src/score/index.js';
import { loadModel } from '../../../src/score/model.js';

const model = await loadModel();
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const dimensions = fc.record(Object.fromEntries(DIMENSIONS.map((d) => [d, unit])) as Record<keyof Dimensions, typeof unit>);

describe('scoreWithoutNetwork', () => {
  it('is 350 + 600 · Σ_{k≠network} w_k·d_k / Σ_{k≠network} w_k', () => {
    fc.assert(fc.property(dimensions, (d) => {
      const own = PERSONAL_DIMENSIONS.reduce((sum, k) => sum + model.weights[k], 0);
      const expected = 350 + (600 * PERSONAL_DIMENSIONS.reduce((sum, k) => sum + model.weights[k] * d[k], 0)) / own;
      expect(scoreWithoutNetwork(d, model)).toBeCloseTo(expected, 9);
    }));
  });

  it('ignores the network value and spans 350–950', () => {
    expect(scoreWithoutNetwork({ history: 1, behaviour: 1, capacity: 1, identity: 1, network: 0 } as Dimensions, model)).toBe(950);
    expect(scoreWithoutNetwork({ history: 0, behaviour: 0, capacity: 0, identity: 0, network: 1 } as Dimensions, model)).toBe(350);
  });

  it('equals the full score when the network value equals the own score', () => {
    fc.assert(fc.property(dimensions, (d) => {
      const b = (scoreWithoutNetwork(d, model) - 350) / 600;
      expect(scoreOfDimensions({ ...d, network: b }, model)).toBeCloseTo(scoreWithoutNetwork(d, model), 9);
    }));
  });
});

describe('scoreOfDimensions', () => {
  it('gives the exact score scorePerson computed, from its dimensions', () => {
    const person = {
      id: 'p1', verified: true, accountCreated: '2020-01-01', incomeMonthly: 3000, debtMonthly: 400, assets: 9000,
      billsOnTimeRatio: 0.96, activityRegularity: 0.8, addressChanges: 0,
    };
    const scored = scorePerson({ person, events: [], asOf: '2026-06-30', model, network: 0.4, networkPrior: 0.5 });
    expect(scoreOfDimensions(scored.dimensions, model)).toBeCloseTo(scored.exact, 12);
  });
});
