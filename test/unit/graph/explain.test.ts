import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrFromEntries } from '../../support/csr-fixtures.js';
import { explainNetwork } from '../../../src/graph/explain.js';
import { DEFAULT_NETWORK_PARAMS } from '../../../src/graph/network-params.js';
import { propagateNetwork } from '../../../src/graph/propagate.js';
import { csrOf, graphSpec, networkParams } from './helpers.js';

describe('explainNetwork', () => {
  it('splits n_i exactly: Σ contributions + prior = n_i within 1e-9', () => {
    fc.assert(
      fc.property(graphSpec(), networkParams(), (spec, params) => {
        const csr = csrOf(spec, params);
        const result = propagateNetwork(csr, Float64Array.from(spec.b), params);
        for (let i = 0; i < spec.n; i++) {
          const why = explainNetwork(csr, result, i);
          const sum = why.contributions.reduce((acc, c) => acc + c.contribution, 0);
          expect(Math.abs(sum + why.prior - result.network[i]!)).toBeLessThanOrEqual(1e-9);
          expect(why.prior).toBeCloseTo(why.priorShrinkage + why.priorDeficit, 15);
          for (const c of why.contributions) {
            expect(c.contribution).toBeCloseTo(why.credibility * c.share * result.x[c.contact]!, 15);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('orders contributions largest first and sums the ones left out by limit', () => {
    // Person 0 has contacts 1, 2, 3 with weights 1, 2, 1 (no cap binds with cap 1, κ = 0).
    const params = { ...DEFAULT_NETWORK_PARAMS, perContactCap: 1, shrinkage: 0 };
    const csr = csrFromEntries(4, [0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0], [1, 2, 1, 1, 1, 1]);
    const result = propagateNetwork(csr, Float64Array.of(0.5, 0.2, 0.9, 0.4), params, { tolerance: 1e-15 });
    const why = explainNetwork(csr, result, 0, { limit: 2 });
    expect(why.contactCount).toBe(3);
    expect(why.contributions.map((c) => c.contact)).toEqual([2, 3]);
    expect(why.contributions[0]!.share).toBe(0.5);
    expect(why.priorShrinkage).toBe(0);
    expect(why.priorDeficit).toBeCloseTo(0, 15);
    expect(why.otherContributions).toBeCloseTo(0.25 * result.x[1]!, 15);
    const total = why.contributions.reduce((a, c) => a + c.contribution, 0) + why.otherContributions + why.prior;
    expect(total).toBeCloseTo(result.network[0]!, 14);
  });

  it('explains an isolated person as all prior', () => {
    const csr = csrFromEntries(3, [0, 1], [1, 0], [1, 1]);
    const result = propagateNetwork(csr, Float64Array.of(0.1, 0.2, 0.9), DEFAULT_NETWORK_PARAMS);
    const why = explainNetwork(csr, result, 2);
    expect(why.contributions).toEqual([]);
    expect(why.prior).toBe(result.mu);
    expect(why.network).toBe(result.mu);
    expect(() => explainNetwork(csr, result, 3)).toThrow(/^explain: person 3 is outside 0\.\.2/);
  });
});
