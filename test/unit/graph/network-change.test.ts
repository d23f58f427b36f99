import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { movedNetworkValues } from '../../../src/graph/network-change.js';
import { propagateNetwork } from '../../../src/graph/propagate.js';
import { csrOf, graphSpec, networkParams } from './helpers.js';

describe('movedNetworkValues', () => {
  it('lists exactly the persons whose dimension differs by at least minChange between two propagations on one graph and μ', () => {
    fc.assert(
      fc.property(
        graphSpec(),
        networkParams(),
        fc.option(fc.double({ min: 0.01, max: 0.5, noNaN: true }), { nil: undefined }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.double({ min: 1e-4, max: 0.2, noNaN: true }),
        (spec, baseParams, bandHalfWidth, changedB, minChange) => {
          const params = { ...baseParams, bandHalfWidth };
          const csr = csrOf(spec, params);
          const mu = 0.5;
          const before = propagateNetwork(csr, Float64Array.from(spec.b), params, { mu, tolerance: 1e-13 });
          const after = propagateNetwork(csr, Float64Array.from(changedB.slice(0, spec.n)), params, { mu, tolerance: 1e-13, transition: before.transition });
          const want = [...after.network.keys()].filter((i) => Math.abs(after.network[i]! - before.network[i]!) >= minChange);
          expect(movedNetworkValues(after, before.px, minChange)).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads only persons the base sums cover, and leaves out the skipped ones', () => {
    const result = {
      network: Float64Array.of(0.9, 0.1, 0.9),
      px: Float64Array.of(0.9, 0.1, 0.9),
      transition: { p: new Float64Array(0), degree: Float64Array.of(1, 1, 1), rowSum: Float64Array.of(1, 1, 1), shrink: Float64Array.of(1, 1, 1), alpha: 0.5, shrinkage: 0, perContactCap: 1 },
      mu: 0.5,
      bandHalfWidth: undefined,
    };
    expect(movedNetworkValues(result, Float64Array.of(0.5, 0.5), 0.1)).toEqual([0, 1]);
    expect(movedNetworkValues(result, Float64Array.of(0.5, 0.5), 0.1, (i) => i === 0)).toEqual([1]);
    // Equal sums are not evaluated: the same value, whatever the rest says.
    expect(movedNetworkValues(result, Float64Array.of(0.9, 0.1, 0.9), 0.1)).toEqual([]);
    expect(() => movedNetworkValues(result, Float64Array.of(0.5), 0)).toThrow(/minChange must be a number > 0/);
  });
});
