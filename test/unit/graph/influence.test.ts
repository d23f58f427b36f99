import fc from 'fast-check';
import { DirectedGraph } from 'graphology';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { describe, expect, it } from 'vitest';
import { csrFromEntries } from '../../support/csr-fixtures.js';
import { influenceCentrality, topK } from '../../../src/graph/influence.js';
import { DEFAULT_NETWORK_PARAMS, type NetworkParams } from '../../../src/graph/network-params.js';
import { propagateNetwork } from '../../../src/graph/propagate.js';
import type { ScoreWeights } from '../../../src/graph/score-weights.js';
import { csrOf, denseNetwork, graphSpec, networkParams } from './helpers.js';

const pagerank = pagerankModule as unknown as typeof pagerankModule.default;

/** Random weighted directed graphs in which every node has at least one out-edge. */
const directedGraph = fc.integer({ min: 2, max: 25 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    // One guaranteed out-edge per node (to a different node) plus extra random edges.
    first: fc.array(fc.integer({ min: 1, max: n - 1 }), { minLength: n, maxLength: n }),
    extra: fc.array(
      fc.record({ i: fc.integer({ min: 0, max: n - 1 }), j: fc.integer({ min: 0, max: n - 1 }), w: fc.double({ min: 0.01, max: 10, noNaN: true }) }),
      { maxLength: 4 * n },
    ),
    firstW: fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
    alpha: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
  }),
);

describe('influenceCentrality', () => {
  it('normalised reach equals graphology-metrics pagerank (no cap, no shrinkage, no dangling nodes)', () => {
    fc.assert(
      fc.property(directedGraph, ({ n, first, extra, firstW, alpha }) => {
        const src: number[] = [];
        const dst: number[] = [];
        const w: number[] = [];
        for (let i = 0; i < n; i++) {
          src.push(i);
          dst.push((i + first[i]!) % n);
          w.push(firstW[i]!);
        }
        for (const e of extra) {
          if (e.i === e.j) continue;
          src.push(e.i);
          dst.push(e.j);
          w.push(e.w);
        }
        const csr = csrFromEntries(n, src, dst, w);
        const graph = new DirectedGraph<Record<string, never>, { weight: number }>();
        for (let i = 0; i < n; i++) graph.addNode(String(i));
        for (let i = 0; i < n; i++) {
          for (let e = csr.offsets[i]!; e < csr.offsets[i + 1]!; e++) {
            graph.addEdge(String(i), String(csr.targets[e]!), { weight: csr.weights[e]! });
          }
        }
        const params: NetworkParams = { ...DEFAULT_NETWORK_PARAMS, alpha, perContactCap: 1, shrinkage: 0 };
        const result = propagateNetwork(csr, new Float64Array(n).fill(0.5), params);
        const infl = influenceCentrality(csr, result, undefined, { tolerance: 1e-14, maxIterations: 100_000 });
        expect(infl.converged).toBe(true);
        const pr = pagerank(graph, { alpha, getEdgeWeight: 'weight', tolerance: 1e-12 / n, maxIterations: 100_000 });
        const total = infl.reach.reduce((a, v) => a + v, 0);
        for (let i = 0; i < n; i++) expect(Math.abs(infl.reach[i]! / total - pr[String(i)]!)).toBeLessThan(1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it('gives, per person, the total points the population loses if that person defaults (b → 0)', () => {
    fc.assert(
      fc.property(
        graphSpec(10),
        networkParams(),
        fc.record({ own: fc.double({ min: 0, max: 1, noNaN: true }), network: fc.double({ min: 0, max: 1, noNaN: true }) }),
        (spec, params, wts) => {
          const weights: ScoreWeights = { scale: 600, ...wts };
          const csr = csrOf(spec, params);
          const b = Float64Array.from(spec.b);
          const result = propagateNetwork(csr, b, params, { tolerance: 1e-14, maxIterations: 10_000 });
          const infl = influenceCentrality(csr, result, weights, { tolerance: 1e-14, maxIterations: 10_000 });
          const base = denseNetwork(csr, b, params);
          for (let k = 0; k < spec.n; k++) {
            const b2 = Float64Array.from(b);
            b2[k] = 0;
            const after = denseNetwork(csr, b2, params, base.mu);
            let lost = weights.scale * weights.own * b[k]!;
            let lostNetwork = 0;
            for (let i = 0; i < spec.n; i++) lostNetwork += weights.scale * weights.network * (base.network[i]! - after.network[i]!);
            lost += lostNetwork;
            expect(Math.abs(infl.points[k]! - lost)).toBeLessThan(1e-6);
            expect(Math.abs(infl.networkPoints[k]! - lostNetwork)).toBeLessThan(1e-6);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('topK', () => {
  it('returns the indices of the k largest values, largest first, ties by index', () => {
    expect(Array.from(topK(Float64Array.of(3, 9, 1, 9), 2))).toEqual([1, 3]);
    expect(Array.from(topK(Float64Array.of(3, 9, 1, 9), 10))).toEqual([1, 3, 0, 2]);
    expect(Array.from(topK(Float64Array.of(3, NaN, 5), 2))).toEqual([2, 0]);
    expect(topK(Float64Array.of(1), 0).length).toBe(0);
  });

  it('agrees with a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }), fc.nat(70), (values, k) => {
        const want = values
          .map((v, i) => [v, i] as const)
          .sort((a, b) => b[0] - a[0] || a[1] - b[1])
          .slice(0, k)
          .map(([, i]) => i);
        expect(Array.from(topK(values, k))).toEqual(want);
      }),
    );
  });
});
