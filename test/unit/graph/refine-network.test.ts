import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transposeCsr, type Csr } from '../../../src/graph/csr.js';
import { LinkStaging } from '../../../src/graph/link-staging.js';
import { DEFAULT_NETWORK_PARAMS } from '../../../src/graph/network-params.js';
import { meanOf, propagateNetwork, type Transition } from '../../../src/graph/propagate.js';
import { refineNetwork } from '../../../src/graph/refine-network.js';
import { PushWorkspace, pushResiduals } from '../../../src/graph/residual-push.js';
import { csrFromEntries, trustedCsr } from '../../support/csr-fixtures.js';
import { csrOf, denseNetwork, graphSpec, maxAbsDiff, networkParams, seeded } from './helpers.js';

// The dense solve itself carries rounding of this order on these small graphs.
const SOLVE_SLACK = 1e-9;

describe('refineNetwork', () => {
  it('from any start, leaves every x_i and n_i within ε/(1 − α) of a dense solve', () => {
    fc.assert(
      fc.property(
        graphSpec(),
        networkParams(),
        fc.array(fc.double({ min: -1, max: 2, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.constantFrom(1e-2, 1e-4, 1e-7),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (spec, params, start, eps, mu) => {
          const csr = csrOf(spec, params);
          const b = Float64Array.from(spec.b);
          const got = refineNetwork(csr, b, params, { mu, initial: Float64Array.from(start.slice(0, spec.n)), maxResidual: eps, maxPushes: 1e6 });
          const want = denseNetwork(csr, b, params, mu);
          const bound = eps / (1 - params.alpha) + SOLVE_SLACK;
          expect(got.converged).toBe(true);
          expect(got.mu).toBe(mu);
          expect(maxAbsDiff(got.x, want.x)).toBeLessThanOrEqual(bound);
          expect(maxAbsDiff(got.network, want.network)).toBeLessThanOrEqual(bound);
          expect(got.residual).toBeLessThanOrEqual(eps);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shares the rows of P^T its pushes computed with later refinements over the same transition, with the same results', () => {
    fc.assert(
      fc.property(graphSpec(), networkParams(), fc.array(fc.double({ min: -1, max: 2, noNaN: true }), { minLength: 12, maxLength: 12 }), (spec, params, start) => {
        const csr = csrOf(spec, params);
        const b = Float64Array.from(spec.b);
        const opts = { mu: 0.5, maxResidual: 1e-7, maxPushes: 1e6 };
        const first = refineNetwork(csr, b, params, { ...opts, initial: Float64Array.from(start.slice(0, spec.n)) });
        const changed = b.map((v, i) => (i % 3 === 0 ? v / 2 : v));
        const shared = refineNetwork(csr, changed, params, { ...opts, initial: first.x, transition: first.transition });
        const fresh = refineNetwork(csr, changed, params, { ...opts, initial: first.x, transition: { ...first.transition } });
        expect(Array.from(shared.x)).toEqual(Array.from(fresh.x));
        expect(Array.from(shared.network)).toEqual(Array.from(fresh.network));
      }),
      { numRuns: 200 },
    );
    const staging = new LinkStaging(4, { params: DEFAULT_NETWORK_PARAMS });
    for (const [a, b] of [[0, 1], [1, 2], [2, 3]] as const) staging.addFriend(a, b, 100, 20);
    const csr = trustedCsr(staging);
    const { transition } = propagateNetwork(csr, new Float64Array(4).fill(0.5), DEFAULT_NETWORK_PARAMS);
    const ws = new PushWorkspace(csr, transition);
    ws.reverseRow(1);
    expect(new PushWorkspace(csr, transition).rowAt).toBe(ws.rowAt);
    expect(new PushWorkspace(csr, transition).rowAt![1]).toBe(0);
    expect(new PushWorkspace(csr, { ...transition }).rowAt![1]).toBe(-1);
  });

  it('hands its buffers, cleared, to the next workspace over as many nodes once released, and refuses to push afterwards', () => {
    const staging = new LinkStaging(4, { params: DEFAULT_NETWORK_PARAMS });
    for (const [a, b] of [[0, 1], [1, 2], [2, 3]] as const) staging.addFriend(a, b, 100, 20);
    const csr = trustedCsr(staging);
    const { transition } = propagateNetwork(csr, new Float64Array(4).fill(0.5), DEFAULT_NETWORK_PARAMS);
    const ws = new PushWorkspace(csr, transition);
    ws.residual.fill(0.25); // as a refinement leaves it: below ε for persons never touched
    ws.residual[1] = 0.5;
    const counts = pushResiduals(ws, [1], 1e-6, 100);
    expect(counts.pushes).toBeGreaterThan(0);
    ws.release();
    const next = new PushWorkspace(csr, transition);
    expect(next.residual).toBe(ws.residual);
    expect([...next.residual, ...next.estimate, ...next.received, ...next.flags].every((v) => v === 0)).toBe(true);
    expect(next.touchedCount).toBe(0);
    expect(() => pushResiduals(ws, [1], 1e-6, 100)).toThrow(/^push: the workspace was released$/);
    // One spare set: a second workspace while `next` holds it gets its own.
    expect(new PushWorkspace(csr, transition).residual).not.toBe(next.residual);
  });

  it('reads P_ij from wide rows (hubs, indexed by target) as from narrow ones: every row of P^T a push computes equals the transposed transition', () => {
    const rnd = seeded(13);
    const n = 300;
    const staging = new LinkStaging(n);
    // Three hubs with 60–120 contacts each (rows wider than the index's threshold), the rest a sparse random graph.
    for (let hub = 0; hub < 3; hub++) {
      for (let k = 0; k < 60 * (hub + 1); k++) staging.addFriend(hub, 3 + Math.floor(rnd() * (n - 3)), 30 + Math.floor(rnd() * 600), 1 + Math.floor(rnd() * 40));
    }
    for (let k = 0; k < 600; k++) staging.addFriend(Math.floor(rnd() * n), Math.floor(rnd() * n), 300, 10);
    const csr = trustedCsr(staging, Float64Array.from({ length: n }, () => 0.2 + 0.8 * rnd()));
    const b = Float64Array.from({ length: n }, () => rnd());
    const { transition } = propagateNetwork(csr, b, DEFAULT_NETWORK_PARAMS);
    expect(csr.offsets[1]! - csr.offsets[0]!).toBeGreaterThan(40);
    // From row j's own entries (a link-built CSR's parts) and, without them, found in row i.
    expect(csr.parts).toBeDefined();
    for (const asBuilt of [csr, { ...csr, parts: undefined }]) {
      expect(reverseRowsOf(asBuilt, { ...transition })).toEqual(transposedRowsOf(asBuilt, transition));
    }
    const got = refineNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu: 0.5, initial: new Float64Array(n), maxResidual: 1e-8, maxPushes: 1e6 });
    const exact = denseNetwork(csr, b, DEFAULT_NETWORK_PARAMS, 0.5);
    expect(maxAbsDiff(got.network, exact.network)).toBeLessThanOrEqual(1e-8 / (1 - DEFAULT_NETWORK_PARAMS.alpha) + SOLVE_SLACK);
  });

  it('computes every row of P^T from the parts of the CSR within a few ulps of the transposed transition, on any link-built graph', () => {
    fc.assert(
      fc.property(graphSpec(), networkParams(), (spec, params) => {
        const csr = csrOf(spec, params);
        const { transition } = propagateNetwork(csr, Float64Array.from(spec.b), params);
        const got = reverseRowsOf(csr, transition);
        const want = transposedRowsOf(csr, transition);
        for (const [j, row] of want) {
          for (const [i, value] of row) expect(Math.abs(got.get(j)!.get(i)! - value)).toBeLessThanOrEqual(4 * Number.EPSILON * value);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('works on a CSR whose pattern is not symmetric (the push transposes it)', () => {
    const rnd = seeded(11);
    const n = 60;
    const sources: number[] = [];
    const targets: number[] = [];
    const weights: number[] = [];
    for (let k = 0; k < 240; k++) {
      sources.push(Math.floor(rnd() * n));
      targets.push(Math.floor(rnd() * n));
      weights.push(0.1 + rnd());
    }
    const csr = csrFromEntries(n, sources, targets, weights);
    const b = Float64Array.from({ length: n }, () => rnd());
    const got = refineNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu: 0.5, initial: new Float64Array(n), maxResidual: 1e-8, maxPushes: 1e6 });
    expect(got.iterations).toBe(1);
    const want = denseNetwork(csr, b, DEFAULT_NETWORK_PARAMS, 0.5);
    expect(maxAbsDiff(got.network, want.network)).toBeLessThanOrEqual(1e-8 / (1 - DEFAULT_NETWORK_PARAMS.alpha) + SOLVE_SLACK);
  });

  it('after a small change works near it: a lineage of 30 refinements stays within the bound, each pushing a fraction of the persons', () => {
    const params = { ...DEFAULT_NETWORK_PARAMS, alpha: 0.2 }; // the default model's α
    const rnd = seeded(5);
    const n = 5000;
    const staging = new LinkStaging(n);
    for (let k = 0; k < 25_000; k++) staging.addFriend(Math.floor(rnd() * n), Math.floor(rnd() * n), 300, 10);
    const b = Float64Array.from({ length: n }, () => rnd());
    let previous = propagateNetwork(trustedCsr(staging), b, params);
    const eps = 1e-4; // against μ's shift of about 1e-4 a round, as ε and the shift compare in a nightly run
    for (let round = 0; round < 30; round++) {
      // Two persons default and a new friendship forms: own scores, rows of P and μ all move.
      b[Math.floor(rnd() * n)] = 0;
      b[Math.floor(rnd() * n)] = 0;
      const ends = [Math.floor(rnd() * n), Math.floor(rnd() * n)].sort((u, v) => u - v);
      staging.addFriend(ends[0]!, ends[1]!, 10, 5);
      const csr = trustedCsr(staging);
      const mu = meanOf(b);
      // The new friendship rebuilds its ends' rows of P (their D changes); trust is 1 for all.
      const products = { px: previous.px, changedRows: ends[0] === ends[1] ? [] : ends };
      const refined = refineNetwork(csr, b, params, { mu, initial: previous.x, maxResidual: eps, maxPushes: n, products });
      const exact = propagateNetwork(csr, b, params, { mu, tolerance: 1e-14 });
      const bound = eps / (1 - params.alpha);
      expect(maxAbsDiff(refined.network, exact.network)).toBeLessThanOrEqual(bound);
      expect(maxAbsDiff(refined.px, exact.px)).toBeLessThanOrEqual(bound);
      expect(refined.iterations).toBe(1);
      expect(refined.pushes).toBeGreaterThan(0);
      expect(refined.pushes).toBeLessThan(n / 10);
      // Without the carried sums the same refinement reads every row, to the same values.
      const read = refineNetwork(csr, b, params, { mu, initial: previous.x, maxResidual: eps, maxPushes: n });
      expect(maxAbsDiff(read.network, refined.network)).toBeLessThan(1e-12);
      previous = refined;
    }
  });

  it('pushes nothing when the start is already the solution', () => {
    const rnd = seeded(7);
    const n = 400;
    const staging = new LinkStaging(n);
    for (let k = 0; k < 2000; k++) staging.addFriend(Math.floor(rnd() * n), Math.floor(rnd() * n), 300, 10);
    const csr = trustedCsr(staging);
    const b = Float64Array.from({ length: n }, () => rnd());
    const exact = propagateNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { tolerance: 1e-15 });
    const again = refineNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu: exact.mu, initial: exact.x, maxResidual: 1e-9 });
    expect(again.pushes).toBe(0);
    expect(maxAbsDiff(again.network, exact.network)).toBeLessThan(1e-12);
  });

  it('hands over to the sweeps when the push would take more than maxPushes', () => {
    const rnd = seeded(9);
    const n = 400;
    const staging = new LinkStaging(n);
    for (let k = 0; k < 2000; k++) staging.addFriend(Math.floor(rnd() * n), Math.floor(rnd() * n), 300, 10);
    const csr = trustedCsr(staging);
    const b = Float64Array.from({ length: n }, () => rnd());
    const got = refineNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu: 0.5, initial: new Float64Array(n), maxResidual: 1e-9, maxPushes: 10 });
    expect(got.pushes).toBeLessThanOrEqual(10);
    expect(got.iterations).toBeGreaterThan(1);
    expect(got.converged).toBe(true);
    expect(maxAbsDiff(got.network, denseNetwork(csr, b, DEFAULT_NETWORK_PARAMS, 0.5).network)).toBeLessThan(1e-8);
  });

  it('refuses bad inputs with the module name', () => {
    const csr = trustedCsr(new LinkStaging(2).addFriend(0, 1, 100, 3));
    const b = Float64Array.of(0.2, 0.8);
    const initial = Float64Array.of(0.5, 0.5);
    expect(() => refineNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu: 0.5, initial, maxResidual: 0 })).toThrow(/^refine: maxResidual must be a finite number > 0, got 0$/);
    expect(() => refineNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu: 0.5, initial: new Float64Array(3), maxResidual: 1e-6 })).toThrow(/propagate: initial has 3 entries/);
    expect(() => refineNetwork(csr, Float64Array.of(0.2), DEFAULT_NETWORK_PARAMS, { mu: 0.5, initial, maxResidual: 1e-6 })).toThrow(/propagate: b has 1 entries/);
    const px = new Float64Array(2);
    expect(() => refineNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu: 0.5, initial, maxResidual: 1e-6, products: { px, changedRows: [2] } })).toThrow(/^refine: changed row 2 is outside 0..1$/);
    expect(() => refineNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu: 0.5, initial, maxResidual: 1e-6, products: { px: new Float64Array(3), changedRows: [] } })).toThrow(/^refine: the carried contact sums cover 3 persons, the graph 2$/);
  });
});

/** Every row j of P^T as a push workspace computes it: i → P_ij. */
function reverseRowsOf(csr: Csr, transition: Transition): Map<number, Map<number, number>> {
  const ws = new PushWorkspace(csr, transition);
  const rows = new Map<number, Map<number, number>>();
  for (let j = csr.nodeCount - 1; j >= 0; j--) {
    const at = ws.reverseRow(j);
    const row = new Map<number, number>();
    for (let e = ws.reverseOffsets[j]!; e < ws.reverseOffsets[j + 1]!; e++) row.set(ws.reverseSources[e]!, ws.reverseValues[at + e - ws.reverseOffsets[j]!]!);
    rows.set(j, row);
  }
  return rows;
}

/** Every row j of the transposed transition: i → P_ij. */
function transposedRowsOf(csr: Csr, transition: Transition): Map<number, Map<number, number>> {
  const transposed = transposeCsr(csr, transition.p);
  const rows = new Map<number, Map<number, number>>();
  for (let j = csr.nodeCount - 1; j >= 0; j--) {
    const row = new Map<number, number>();
    for (let e = transposed.offsets[j]!; e < transposed.offsets[j + 1]!; e++) row.set(transposed.sources[e]!, transposed.values[e]!);
    rows.set(j, row);
  }
  return rows;
}
