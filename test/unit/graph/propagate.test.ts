import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkStaging } from '../../../src/graph/link-staging.js';
import { trustArray } from '../../../src/graph/tie-strength.js';
import { csrFromEntries, trustedCsr } from '../../support/csr-fixtures.js';
import { explainNetwork } from '../../../src/graph/explain.js';
import { DEFAULT_NETWORK_PARAMS, type NetworkParams } from '../../../src/graph/network-params.js';
import { buildTransition, largestContactShare, meanOf, propagateNetwork } from '../../../src/graph/propagate.js';
import { DEFAULT_SCORE_WEIGHTS } from '../../../src/graph/score-weights.js';
import { csrOf, denseNetwork, graphSpec, maxAbsDiff, networkParams, randomFriendships, seeded } from './helpers.js';

const POINTS_PER_NETWORK_UNIT = DEFAULT_SCORE_WEIGHTS.scale * DEFAULT_SCORE_WEIGHTS.network; // 30

describe('propagateNetwork', () => {
  it('equals a dense solve of (I − αP)x = f, and n from it, within 1e-8', () => {
    fc.assert(
      fc.property(graphSpec(), networkParams(), (spec, params) => {
        const csr = csrOf(spec, params);
        const b = Float64Array.from(spec.b);
        const got = propagateNetwork(csr, b, params, { tolerance: 1e-13, maxIterations: 5000 });
        const want = denseNetwork(csr, b, params);
        expect(got.converged).toBe(true);
        expect(got.mu).toBeCloseTo(want.mu, 14);
        expect(maxAbsDiff(got.x, want.x)).toBeLessThan(1e-8);
        expect(maxAbsDiff(got.network, want.network)).toBeLessThan(1e-8);
        for (let i = 0; i < spec.n; i++) {
          expect(got.network[i]).toBeGreaterThanOrEqual(-1e-12);
          expect(got.network[i]).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('meets the documented default stopping rule: L1 change per node below 1e-9', () => {
    const rnd = seeded(3);
    const n = 500;
    const csr = randomFriendships(rnd, n, 2500, 300, 10);
    const b = Float64Array.from({ length: n }, () => rnd());
    const got = propagateNetwork(csr, b, DEFAULT_NETWORK_PARAMS);
    expect(got.converged).toBe(true);
    expect(got.residual).toBeLessThan(1e-9);
    expect(got.iterations).toBeGreaterThan(5);
    expect(got.iterations).toBeLessThan(40); // contraction ≤ α = 0.5 per iteration
    expect(maxAbsDiff(got.network, denseNetwork(csr, b, DEFAULT_NETWORK_PARAMS).network)).toBeLessThan(1e-8);
  });

  it('started from an earlier x (a warm start) reaches the same values in no more sweeps', () => {
    const rnd = seeded(5);
    const n = 2000;
    const csr = randomFriendships(rnd, n, 10_000, 300, 10);
    const before = Float64Array.from({ length: n }, () => rnd());
    const earlier = propagateNetwork(csr, before, DEFAULT_NETWORK_PARAMS);
    const b = Float64Array.from(before);
    for (let i = 0; i < n; i += 1000) b[i] = 0; // two persons default
    const mu = meanOf(before);
    const cold = propagateNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu });
    const warm = propagateNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { mu, initial: earlier.x });
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThanOrEqual(cold.iterations);
    expect(maxAbsDiff(warm.network, cold.network)).toBeLessThan(1e-8);
    expect(() => propagateNetwork(csr, b, DEFAULT_NETWORK_PARAMS, { initial: new Float64Array(3) })).toThrow(/propagate: initial has 3 entries/);
  });

  it('gives a person without contacts exactly the prior μ (thin files are not punished)', () => {
    const staging = new LinkStaging(4);
    staging.addFriend(0, 1, 100, 20).addPaid(1, 2, 4, 400, 10);
    const b = Float64Array.of(0.9, 0.2, 0.4, 0.05);
    const result = propagateNetwork(trustedCsr(staging), b, DEFAULT_NETWORK_PARAMS);
    expect(result.mu).toBe((0.9 + 0.2 + 0.4 + 0.05) / 4);
    expect(result.network[3]).toBe(result.mu);
    expect(result.x[3]).toBe(0.05);
    // With κ = 0 too (no shrinkage) the isolated person still gets μ exactly.
    const noShrink = propagateNetwork(csrFromEntries(4, [0, 1], [1, 0], [1, 1]), b, {
      ...DEFAULT_NETWORK_PARAMS,
      shrinkage: 0,
    });
    expect(noShrink.network[2]).toBe(noShrink.mu);
    expect(noShrink.network[3]).toBe(noShrink.mu);
  });

  it('caps every transition entry; the capped excess and the trust deficit go to the prior', () => {
    fc.assert(
      fc.property(graphSpec(), networkParams(), (spec, params) => {
        const csr = csrOf(spec, params);
        const t = buildTransition(csr, params);
        for (let i = 0; i < csr.nodeCount; i++) {
          let sum = 0;
          for (let e = csr.offsets[i]!; e < csr.offsets[i + 1]!; e++) {
            expect(t.p[e]).toBeLessThanOrEqual(params.perContactCap);
            sum += t.p[e]!;
          }
          expect(t.rowSum[i]).toBeCloseTo(sum, 14);
          expect(t.rowSum[i]).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
    // One contact: P = cap = 0.25, so n = s·(0.25·x_1 + 0.75·μ) + (1 − s)·μ, with s = 1/(1 + κ):
    // one contact is one effective contact, whatever its weight (2 here).
    const params = { ...DEFAULT_NETWORK_PARAMS, perContactCap: 0.25 };
    const csr = csrFromEntries(2, [0, 1], [1, 0], [2, 2]);
    const b = Float64Array.of(0, 1);
    const r = propagateNetwork(csr, b, params, { tolerance: 1e-15 });
    const s = 1 / (1 + params.shrinkage);
    expect(r.network[0]).toBeCloseTo(s * (0.25 * r.x[1]! + 0.75 * 0.5) + (1 - s) * 0.5, 14);
  });

  it('rejects bad inputs with the module name', () => {
    const csr = csrFromEntries(2, [0], [1], [1]);
    expect(() => propagateNetwork(csr, new Float64Array(3), DEFAULT_NETWORK_PARAMS)).toThrow(/^propagate: b has 3 entries/);
    expect(() => propagateNetwork(csr, Float64Array.of(0, NaN), DEFAULT_NETWORK_PARAMS)).toThrow(/^propagate: b\[1\] is NaN/);
    expect(() => propagateNetwork(csr, new Float64Array(2), { ...DEFAULT_NETWORK_PARAMS, alpha: 1 })).toThrow(
      /^propagate: alpha must be in \[0, 1\)/,
    );
    expect(() => propagateNetwork(csr, new Float64Array(2), { ...DEFAULT_NETWORK_PARAMS, perContactCap: 0 })).toThrow(
      /^propagate: perContactCap/,
    );
  });
});

// ---- Gaming bounds (docs/design.md, "Hard to game") ------------------------------------------------
//
// A verified target with ten real friends inside a 2,000-person population (each person has ~5
// random friends). Attackers attach 1,000 perfect-score fakes (b = 1) as friends of the target,
// with old friendships and 100 interactions a year (the strongest ties there are) and old
// accounts, so only verification separates them from real people; the fakes also befriend each
// other in a ring. μ is held at the real population's mean: in a population of a million, a
// thousand fakes move it by < 0.0005.

interface Attack {
  realFriendB?: (k: number) => number;
  fakes: number;
  fakesVerified: boolean;
  params?: NetworkParams;
}

function attack({ realFriendB, fakes, fakesVerified, params = DEFAULT_NETWORK_PARAMS }: Attack) {
  const rnd = seeded(42);
  const realN = 2000;
  const n = realN + fakes;
  const verified = new Uint8Array(n).fill(1);
  const age = new Int32Array(n).fill(1000);
  const b = new Float64Array(n).fill(1);
  for (let i = 0; i < realN; i++) b[i] = 0.3 + 0.6 * rnd();
  for (let f = realN; f < n; f++) verified[f] = fakesVerified ? 1 : 0;
  const links: [number, number, number, number][] = [];
  for (let k = 1; k <= 10; k++) {
    links.push([0, k, 500, 12]);
    if (realFriendB) b[k] = realFriendB(k);
  }
  for (let i = 1; i < realN; i++) {
    for (let d = 0; d < 5; d++) links.push([i, 1 + Math.floor(rnd() * (realN - 1)), 300, Math.floor(rnd() * 20)]);
  }
  const build = (withFakes: boolean) => {
    const staging = new LinkStaging(n, { params });
    for (const [a, c, since, interactions] of links) staging.addFriend(a, c, since, interactions);
    if (withFakes) {
      for (let f = realN; f < n; f++) {
        staging.addFriend(0, f, 1000, 100);
        for (let r = 1; r <= 10; r++) staging.addFriend(f, realN + ((f - realN + r) % fakes), 1000, 100);
      }
    }
    return trustedCsr(staging, trustArray(verified, age, params));
  };
  const mu = meanOf(b.subarray(0, realN));
  const before = propagateNetwork(build(false), b, params, { mu });
  const csrAfter = build(true);
  const after = propagateNetwork(csrAfter, b, params, { mu });
  const why = explainNetwork(csrAfter, after, 0);
  let fakeContribution = 0;
  for (const c of why.contributions) if (c.contact >= realN) fakeContribution += c.contribution;
  return {
    mu,
    before: before.network[0]!,
    after: after.network[0]!,
    points: POINTS_PER_NETWORK_UNIT * (after.network[0]! - before.network[0]!),
    fakeContribution,
    credibility: why.credibility,
  };
}

describe('gaming bounds (default params, network weight 0.05, scale 600)', () => {
  it('1,000 unverified perfect-score fakes move a verified person’s score by at most 2 points', () => {
    const r = attack({ fakes: 1000, fakesVerified: false });
    expect(Math.abs(r.points)).toBeLessThanOrEqual(2);
    // Between them the fakes hold at most unverifiedTrust of the contact average.
    expect(r.fakeContribution).toBeLessThanOrEqual(DEFAULT_NETWORK_PARAMS.unverifiedTrust * r.credibility);
    expect(r.fakeContribution).toBeGreaterThan(0.05); // they are counted, only damped
  });

  it('in a network band the same unverified fakes move the score no more: their trust shrinks by the band’s slope', () => {
    for (const bandHalfWidth of [0.05, 0.12, 0.25]) {
      const r = attack({ fakes: 1000, fakesVerified: false, params: { ...DEFAULT_NETWORK_PARAMS, bandHalfWidth } });
      expect(Math.abs(r.points)).toBeLessThanOrEqual(2);
      expect(r.points).toBeGreaterThan(0.5); // they still count, as without a band
    }
  });

  it('the same attack with verified fakes moves it far more, but by at most 600·w_network', () => {
    const r = attack({ fakes: 1000, fakesVerified: true });
    expect(r.points).toBeGreaterThan(5);
    expect(r.points).toBeLessThanOrEqual(POINTS_PER_NETWORK_UNIT);
  });

  it('against a person whose real contacts score 0, fakes do no better than the prior plus unverifiedTrust of the rest', () => {
    // Unverified weight goes to the prior, so it dilutes real contacts towards μ — the value a
    // person with no contacts gets anyway — and the fakes' own pull is ≤ unverifiedTrust·(1 − μ).
    const r = attack({ fakes: 1000, fakesVerified: false, realFriendB: () => 0 });
    expect(r.before).toBeLessThan(r.mu - 0.2);
    const bound = POINTS_PER_NETWORK_UNIT * (r.mu - r.before + DEFAULT_NETWORK_PARAMS.unverifiedTrust * (1 - r.mu));
    expect(r.points).toBeGreaterThan(2); // documented limit: dilution towards μ
    expect(r.points).toBeLessThanOrEqual(bound);
    expect(r.after).toBeLessThanOrEqual(r.mu + DEFAULT_NETWORK_PARAMS.unverifiedTrust * (1 - r.mu));
  });

  it('no contact holds more than the per-contact cap, nor more than largestContactShare of the network value', () => {
    fc.assert(
      fc.property(
        graphSpec(),
        fc.constantFrom(0.25, 0.5, 1),
        fc.constantFrom(0.3, 1, 4),
        (spec, perContactCap, shrinkage) => {
          const params = { ...DEFAULT_NETWORK_PARAMS, perContactCap, shrinkage };
          const csr = csrOf(spec, params);
          const result = propagateNetwork(csr, Float64Array.from(spec.b), params);
          const bound = largestContactShare(params);
          for (let i = 0; i < spec.n; i++) {
            const why = explainNetwork(csr, result, i);
            for (const c of why.contributions) {
              expect(c.share).toBeLessThanOrEqual(params.perContactCap);
              // ∂n_i/∂x_j = s_i·P_ij: one contact moves n_i by at most `bound` times its own move.
              expect(c.contribution).toBeLessThanOrEqual(bound * c.value + 1e-15);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
    // The bound is reached: one contact alone holds exactly 1/(1 + κ) when κ ≤ 1.
    const csr = csrFromEntries(2, [0, 1], [1, 0], [1, 1]);
    const result = propagateNetwork(csr, Float64Array.of(0.5, 1), DEFAULT_NETWORK_PARAMS);
    expect(explainNetwork(csr, result, 0).contributions[0]!.contribution).toBeCloseTo(largestContactShare(DEFAULT_NETWORK_PARAMS) * result.x[1]!, 14);
  });
});
