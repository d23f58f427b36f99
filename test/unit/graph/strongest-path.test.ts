/** The strongest-tie path against a brute-force oracle: every simple path of small random graphs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Csr } from '../../../src/graph/csr.js';
import { csrFromEntries } from '../../support/csr-fixtures.js';
import { DEFAULT_NETWORK_PARAMS } from '../../../src/graph/network-params.js';
import { buildTransition, type Transition } from '../../../src/graph/propagate.js';
import { strongestPath } from '../../../src/graph/strongest-path.js';
import { csrOf, graphSpec, networkParams } from './helpers.js';

/** P_vu: the share of u in v's network value (0 when u is no contact of v). */
function share(csr: Csr, t: Transition, v: number, u: number): number {
  for (let e = csr.offsets[v]!; e < csr.offsets[v + 1]!; e++) if (csr.targets[e] === u) return t.p[e]!;
  return 0;
}

/**
 * Every simple path from → to: the lowest Σ −ln P (the largest Π P, in logs so that products of
 * tiny shares do not underflow), and the fewest hops among the paths that reach it.
 */
function oracle(csr: Csr, t: Transition, from: number, to: number): { cost: number; hops: number } {
  let best = { cost: Infinity, hops: Infinity };
  const seen = new Set([from]);
  const walk = (u: number, cost: number, hops: number) => {
    if (u === to) {
      const tied = Math.abs(cost - best.cost) <= 1e-9;
      if ((cost < best.cost && !tied) || (tied && hops < best.hops)) best = { cost: Math.min(cost, best.cost), hops };
      else if (tied) best.cost = Math.min(cost, best.cost);
      return;
    }
    for (let v = 0; v < csr.nodeCount; v++) {
      const p = seen.has(v) ? 0 : share(csr, t, v, u);
      if (p > 0) {
        seen.add(v);
        walk(v, cost - Math.log(p), hops + 1);
        seen.delete(v);
      }
    }
  };
  walk(from, 0, 0);
  return best;
}

describe('strongestPath', () => {
  it('finds the strongest path of every simple path, with the fewest hops among the strongest', () => {
    fc.assert(
      fc.property(graphSpec(7), networkParams(), fc.nat(), fc.nat(), (spec, params, a, b) => {
        const csr = csrOf(spec, params);
        const t = buildTransition(csr, params);
        const [from, to] = [a % spec.n, b % spec.n];
        const got = strongestPath(csr, t, from, to);
        const want = oracle(csr, t, from, to);
        if (want.cost === Infinity) {
          expect(got).toEqual({ nodes: [], shares: [], strength: 0 });
          return;
        }
        const cost = got.shares.reduce((sum, p) => sum - Math.log(p), 0);
        expect(Math.abs(cost - want.cost)).toBeLessThanOrEqual(1e-9);
        expect(got.nodes.length - 1).toBe(want.hops);
        expect(got.nodes[0]).toBe(from);
        expect(got.nodes.at(-1)).toBe(to);
        // Each step is a real tie with the share it reports, and the shares multiply to the strength.
        got.shares.forEach((p, k) => expect(p).toBe(share(csr, t, got.nodes[k + 1]!, got.nodes[k]!)));
        expect(got.strength).toBe(got.shares.reduce((x, y) => x * y, 1));
      }),
      { numRuns: 300 },
    );
  });

  it('prefers two strong ties over one weak one, and fewer hops when equally strong', () => {
    // 0–1 weak (1), 0–2 and 2–1 strong (10 each): the path through 2 is stronger.
    const pairs: [number, number, number][] = [[0, 1, 1], [0, 2, 10], [2, 1, 10]];
    const csr = csrFromEntries(3, pairs.flatMap(([a, b]) => [a, b]), pairs.flatMap(([a, b]) => [b, a]), pairs.flatMap(([, , w]) => [w, w]));
    const t = buildTransition(csr, { ...DEFAULT_NETWORK_PARAMS, perContactCap: 1 });
    expect(strongestPath(csr, t, 0, 1).nodes).toEqual([0, 2, 1]);
    expect(strongestPath(csr, t, 1, 1)).toEqual({ nodes: [1], shares: [], strength: 1 });
    const alone = csrFromEntries(4, [0, 1], [1, 0], [1, 1]);
    expect(strongestPath(alone, buildTransition(alone, DEFAULT_NETWORK_PARAMS), 0, 3).nodes).toEqual([]);
    expect(() => strongestPath(csr, t, 0, 3)).toThrow(/^strongest-path: to 3 is outside 0\.\.2/);
  });
});
