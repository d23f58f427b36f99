import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Csr } from '../../../src/graph/csr.js';
import { LinkStaging } from '../../../src/graph/link-staging.js';
import { trustedCsr } from '../../support/csr-fixtures.js';
import { workspaceBytes } from '../../support/memory-bytes.js';
import { ContagionWorkspace, pushContagion, type Shock } from '../../../src/graph/contagion.js';
import { DEFAULT_NETWORK_PARAMS, type NetworkParams } from '../../../src/graph/network-params.js';
import { influenceCentrality } from '../../../src/graph/influence.js';
import { propagateNetwork } from '../../../src/graph/propagate.js';
import type { ScoreWeights } from '../../../src/graph/score-weights.js';
import { csrOf, denseNetwork, graphSpec, networkParams, randomFriendships, seeded } from './helpers.js';

const W: ScoreWeights = { scale: 600, own: 0.95, network: 0.05 };

/** Exact Δscore per person: two full dense solves with μ held at the base run's value. */
function exactDelta(csr: Csr, b: Float64Array, params: NetworkParams, shocks: Shock[], w: ScoreWeights): number[] {
  const base = denseNetwork(csr, b, params);
  const b2 = Float64Array.from(b);
  const own = new Float64Array(b.length);
  for (const s of shocks) {
    b2[s.node]! += s.deltaB;
    own[s.node]! += s.deltaB;
  }
  const shocked = denseNetwork(csr, b2, params, base.mu);
  return shocked.network.map((v, i) => w.scale * (w.own * own[i]! + w.network * (v - base.network[i]!)));
}

/** BFS hops from the shocked persons along reversed edges (i → j contact means j reaches i). */
function reverseBfs(csr: Csr, from: number[]): number[] {
  const hops = new Array<number>(csr.nodeCount).fill(-1);
  const incoming: number[][] = Array.from({ length: csr.nodeCount }, () => []);
  for (let i = 0; i < csr.nodeCount; i++) {
    for (let e = csr.offsets[i]!; e < csr.offsets[i + 1]!; e++) incoming[csr.targets[e]!]!.push(i);
  }
  const queue = [...new Set(from)];
  for (const s of queue) hops[s] = 0;
  for (let k = 0; k < queue.length; k++) {
    const j = queue[k]!;
    for (const i of incoming[j]!) {
      if (hops[i] === -1) {
        hops[i] = hops[j]! + 1;
        queue.push(i);
      }
    }
  }
  return hops;
}

describe('pushContagion', () => {
  it('equals the difference of two full solves within its tolerance, and reports everyone above threshold', () => {
    fc.assert(
      fc.property(
        graphSpec(),
        networkParams(),
        fc.array(fc.record({ node: fc.nat(), deltaB: fc.double({ min: -1, max: 1, noNaN: true }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
        (spec, params, raw, tolerance) => {
          const csr = csrOf(spec, params);
          const b = Float64Array.from(spec.b);
          const shocks = raw.map((s) => ({ node: s.node % spec.n, deltaB: s.deltaB }));
          const result = propagateNetwork(csr, b, params, { tolerance: 1e-14, maxIterations: 10_000 });
          const ws = new ContagionWorkspace(csr, result);
          const threshold = 0.05;
          const got = pushContagion(csr, result, shocks, { workspace: ws, weights: W, threshold, tolerance });
          const want = exactDelta(csr, b, params, shocks, W);
          expect(got.complete).toBe(true);
          expect(got.errorBoundPoints).toBeLessThanOrEqual(tolerance);
          const byNode = new Map(got.affected.map((a) => [a.node, a]));
          for (let i = 0; i < spec.n; i++) {
            const est = byNode.get(i)?.deltaPoints;
            if (est !== undefined) expect(Math.abs(est - want[i]!)).toBeLessThanOrEqual(tolerance + 1e-7);
            else expect(Math.abs(want[i]!)).toBeLessThan(threshold + tolerance + 1e-7);
          }
          for (let k = 1; k < got.affected.length; k++) {
            expect(Math.abs(got.affected[k - 1]!.deltaPoints)).toBeGreaterThanOrEqual(Math.abs(got.affected[k]!.deltaPoints));
          }
          // The workspace is clean again: the next call sees zeros.
          expect(ws.residual.every((v) => v === 0)).toBe(true);
          expect(ws.hops.every((v) => v === -1)).toBe(true);
          expect(ws.flags.every((v) => v === 0)).toBe(true);
          const again = pushContagion(csr, result, shocks, { workspace: ws, weights: W, threshold, tolerance });
          expect(again).toEqual(got);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports breadth-first hop distances along reversed edges', () => {
    fc.assert(
      fc.property(graphSpec(), fc.nat(), (spec, pick) => {
        const params = { ...DEFAULT_NETWORK_PARAMS, alpha: 0.9 };
        const csr = csrOf(spec, params);
        const result = propagateNetwork(csr, Float64Array.from(spec.b), params, { tolerance: 1e-14 });
        const node = pick % spec.n;
        // A tiny tolerance pushes through everybody reachable, so hops are the graph distances.
        const got = pushContagion(csr, result, [{ node, deltaB: -1 }], { weights: W, threshold: 0, tolerance: 1e-12 });
        const hops = reverseBfs(csr, [node]);
        for (const a of got.affected) expect(a.hops).toBe(hops[a.node]);
        expect(got.affected.find((a) => a.node === node)?.hops).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('walks a symmetric CSR through its own rows as it walks the transpose of any other', () => {
    fc.assert(
      fc.property(graphSpec(), fc.nat(), fc.double({ min: -1, max: 1, noNaN: true }), (spec, pick, deltaB) => {
        const csr = csrOf(spec, DEFAULT_NETWORK_PARAMS);
        expect(csr.symmetric).toBe(true);
        const asGiven: Csr = { ...csr, symmetric: false }; // the same graph, transposed up front
        const result = propagateNetwork(csr, Float64Array.from(spec.b), DEFAULT_NETWORK_PARAMS, { tolerance: 1e-14 });
        const shocks = [{ node: pick % spec.n, deltaB }];
        const options = { weights: W, threshold: 0, tolerance: 1e-9 };
        const lazy = pushContagion(csr, result, shocks, options);
        const eager = pushContagion(asGiven, result, shocks, options);
        const byNode = new Map(eager.affected.map((a) => [a.node, a]));
        for (const a of lazy.affected) {
          const b = byNode.get(a.node);
          if (b === undefined) {
            expect(Math.abs(a.deltaPoints)).toBeLessThanOrEqual(2e-9);
            continue;
          }
          expect(a.deltaPoints).toBeCloseTo(b.deltaPoints, 8);
          expect(a.hops).toBe(b.hops);
        }
        for (const b of eager.affected) if (!lazy.affected.some((a) => a.node === b.node)) expect(Math.abs(b.deltaPoints)).toBeLessThanOrEqual(2e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('does work proportional to the reach, not to the graph size', () => {
    // 200 disjoint 50-person communities: a shock in one never touches the others.
    const groups = 200;
    const size = 50;
    const rnd = seeded(9);
    const staging = new LinkStaging(groups * size);
    for (let g = 0; g < groups; g++) {
      for (let k = 0; k < 4 * size; k++) {
        staging.addFriend(g * size + Math.floor(rnd() * size), g * size + Math.floor(rnd() * size), 200, 15);
      }
    }
    const csr = trustedCsr(staging);
    const b = Float64Array.from({ length: groups * size }, () => 0.3 + 0.6 * rnd());
    const result = propagateNetwork(csr, b, DEFAULT_NETWORK_PARAMS);
    const ws = new ContagionWorkspace(csr, result);
    const node = 37 * size + 3;
    const got = pushContagion(csr, result, [{ node, deltaB: -b[node]! }], { workspace: ws, tolerance: 0.001, threshold: 0 });
    expect(got.touched).toBeLessThanOrEqual(size);
    expect(got.affected.every((a) => Math.floor(a.node / size) === 37)).toBe(true);
    expect(got.affected[0]!.node).toBe(node);
    expect(got.affected[0]!.deltaPoints).toBeCloseTo(600 * (0.95 * -b[node]! + 0.05 * got.affected[0]!.deltaNetwork), 10);
    expect(got.affected.length).toBeGreaterThan(5);
  });

  it('gives the same answer from a workspace reused across many pushes as from a fresh one', () => {
    const n = 400;
    const rnd = seeded(21);
    const csr = randomFriendships(rnd, n, 6 * n, 100, 10);
    const result = propagateNetwork(csr, Float64Array.from({ length: n }, () => rnd()), DEFAULT_NETWORK_PARAMS);
    const shared = new ContagionWorkspace(csr, result);
    for (let k = 0; k < 40; k++) {
      const shocks = [{ node: (k * 37) % n, deltaB: -0.5 }];
      const options = { threshold: 0.01, tolerance: 0.001 };
      expect(pushContagion(csr, result, shocks, { ...options, workspace: shared })).toEqual(pushContagion(csr, result, shocks, options));
    }
    expect(workspaceBytes(shared)).toBeGreaterThan(csr.targets.length * 8 * 0.5); // many rows' values were kept
  });

  it('totals the whole population: the exact difference of two solves, and the influence ranking for own score to 0', () => {
    const n = 300;
    const rnd = seeded(5);
    const csr = randomFriendships(rnd, n, 5 * n, 100, 10);
    const b = Float64Array.from({ length: n }, () => rnd());
    const result = propagateNetwork(csr, b, DEFAULT_NETWORK_PARAMS);
    const influence = influenceCentrality(csr, result, W, { tolerance: 1e-14 });
    for (const node of [0, 17, 123]) {
      const shocks = [{ node, deltaB: -b[node]! }];
      const exact = exactDelta(csr, b, DEFAULT_NETWORK_PARAMS, shocks, W).reduce((x, y) => x + y, 0);
      // A coarse push (tolerance 0.5 points) leaves much behind; the residual weights count it.
      const coarse = pushContagion(csr, result, shocks, { weights: W, tolerance: 0.5 });
      const counted = pushContagion(csr, result, shocks, { weights: W, tolerance: 0.5, residualWeights: influence.totalNetworkEffect });
      expect(Math.abs(coarse.totalPoints - exact)).toBeGreaterThan(1e-6);
      expect(counted.totalPoints).toBeCloseTo(exact, 8);
      expect(-counted.totalPoints).toBeCloseTo(influence.points[node]!, 8);
    }
  });

  it('stops at maxPushes and says so, with an honest error bound', () => {
    const staging = new LinkStaging(30);
    for (let i = 0; i < 30; i++) staging.addFriend(i, (i + 1) % 30, 100, 30);
    const csr = trustedCsr(staging);
    const result = propagateNetwork(csr, new Float64Array(30).fill(0.5), DEFAULT_NETWORK_PARAMS);
    const got = pushContagion(csr, result, [{ node: 0, deltaB: -0.5 }], { maxPushes: 2, tolerance: 1e-6 });
    expect(got.complete).toBe(false);
    expect(got.pushes).toBe(2);
    expect(got.errorBoundPoints).toBeGreaterThan(1e-6);
  });

  it('rejects bad shocks and foreign workspaces', () => {
    const staging = new LinkStaging(2);
    staging.addFriend(0, 1, 1, 1);
    const csr = trustedCsr(staging);
    const result = propagateNetwork(csr, Float64Array.of(0.5, 0.5), DEFAULT_NETWORK_PARAMS);
    const other = propagateNetwork(csr, Float64Array.of(0.1, 0.5), DEFAULT_NETWORK_PARAMS);
    expect(() => pushContagion(csr, result, [{ node: 2, deltaB: 1 }])).toThrow(/^contagion: shocked node 2 is outside/);
    expect(() => pushContagion(csr, result, [{ node: 0, deltaB: NaN }])).toThrow(/^contagion: deltaB of node 0 is NaN/);
    expect(() => pushContagion(csr, result, [], { workspace: new ContagionWorkspace(csr, other) })).toThrow(
      /^contagion: the workspace belongs to another/,
    );
  });
});
