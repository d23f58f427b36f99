import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csrFromLinks,
  buildCsr,
  csrFromEntries,
  CsrBuilder,
  friendStrength,
  paidStrength,
  transposeCsr,
  trustArray,
  trustOf,
  type Csr,
} from '../../../src/graph/csr.js';
import { DEFAULT_NETWORK_PARAMS as P } from '../../../src/graph/network-params.js';
import { graphSpec, networkParams } from './helpers.js';

function row(csr: Csr, i: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let e = csr.offsets[i]!; e < csr.offsets[i + 1]!; e++) out.set(csr.targets[e]!, csr.weights[e]!);
  return out;
}

describe('tie strength and trust', () => {
  it('friendStrength saturates in interactions and a silent friendship fades with age', () => {
    expect(friendStrength(0, 0)).toBeCloseTo(1 - Math.exp(-0.1), 12);
    expect(friendStrength(365, 0)).toBeCloseTo(1 - Math.exp(-0.05), 12); // declaration at half weight
    expect(friendStrength(0, 10)).toBeCloseTo(1 - Math.exp(-1.1), 12);
    expect(friendStrength(400, 1000)).toBeCloseTo(1, 12);
    expect(friendStrength(400, 30)).toBeGreaterThan(friendStrength(400, 10));
  });

  it('paidStrength grows with count and amount and halves per half-life since the last payment', () => {
    expect(paidStrength(5, 1000, 0)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(paidStrength(5, 1000, 365)).toBeCloseTo(0.5 * (1 - Math.exp(-2)), 12);
    expect(paidStrength(5, 1000, 730)).toBeCloseTo(0.25 * (1 - Math.exp(-2)), 12);
    expect(paidStrength(10, 0, 0)).toBeGreaterThan(paidStrength(5, 0, 0));
    expect(paidStrength(0, 0, 0)).toBe(0);
  });

  it('trustOf damps unverified and new accounts', () => {
    expect(trustOf(true, 400)).toBe(1);
    expect(trustOf(false, 400)).toBe(0.1);
    expect(trustOf(true, 45)).toBe(0.5);
    expect(trustOf(false, 45)).toBeCloseTo(0.05, 15);
    expect(trustOf(true, 0)).toBe(0);
    expect(Array.from(trustArray(Uint8Array.of(1, 0), Int32Array.of(9, 900)))).toEqual([0.1, 0.1]);
  });
});

describe('CsrBuilder', () => {
  it('merges FRIEND and PAID links of a pair into one entry per direction, weighted by the contact’s trust', () => {
    const trust = [1, 0.1, 0.5];
    const b = new CsrBuilder(3, { trust });
    b.addFriend(0, 1, 100, 12).addPaid(0, 1, 3, 200, 30).addPaid(1, 0, 1, 50, 400).addFriend(2, 2, 10, 10);
    b.addFriend(2, 0, 10, 0);
    const csr = b.build();
    const f01 = P.friendWeight * friendStrength(100, 12);
    const p01 = P.paidWeight * paidStrength(3, 200, 30);
    const p10 = P.paidWeight * paidStrength(1, 50, 400);
    const f20 = P.friendWeight * friendStrength(10, 0);
    const nominal01 = f01 + p01 + p10;
    expect(csr.offsets[3]).toBe(4); // 0↔1 and 0↔2; the self-link is dropped
    expect(row(csr, 0).get(1)).toBeCloseTo(nominal01 * 0.1, 14);
    expect(row(csr, 1).get(0)).toBeCloseTo(nominal01 * 1, 14);
    expect(row(csr, 0).get(2)).toBeCloseTo(f20 * 0.5, 14);
    expect(row(csr, 2).get(0)).toBeCloseTo(f20 * 1, 14);
    expect(row(csr, 2).has(2)).toBe(false);
    expect(csr.degree![0]).toBeCloseTo(nominal01 + f20, 14);
    expect(csr.degree![1]).toBeCloseTo(nominal01, 14);
    expect(csr.degree![2]).toBeCloseTo(f20, 14);
  });

  it('holds at most 16 bytes per directed entry', () => {
    const csr = buildCsr({ nodeCount: 2, friends: { a: [0], b: [1], sinceDays: [1], interactions: [1] } });
    expect(csr.targets.BYTES_PER_ELEMENT + csr.weights.BYTES_PER_ELEMENT).toBeLessThanOrEqual(16);
    expect(csr.offsets).toBeInstanceOf(Int32Array);
  });

  it('builds the same CSR from column batches as from links one by one', () => {
    fc.assert(
      fc.property(graphSpec(), networkParams(), (spec, params) => {
        const trust = trustArray(spec.verified, spec.ageDays, params);
        const one = new CsrBuilder(spec.n, { params, trust, initialCapacity: 1 });
        for (const f of spec.friends) one.addFriend(f.a, f.b, f.since, f.interactions);
        for (const p of spec.paid) one.addPaid(p.from, p.to, p.count, p.amount, p.lastAt);
        const a = one.build();
        const batch = buildCsr(
          {
            nodeCount: spec.n,
            verified: spec.verified,
            accountAgeDays: spec.ageDays,
            friends: {
              a: Int32Array.from(spec.friends, (f) => f.a),
              b: Int32Array.from(spec.friends, (f) => f.b),
              sinceDays: Int32Array.from(spec.friends, (f) => f.since),
              interactions: Int32Array.from(spec.friends, (f) => f.interactions),
            },
            paid: {
              from: Int32Array.from(spec.paid, (p) => p.from),
              to: Int32Array.from(spec.paid, (p) => p.to),
              count: Int32Array.from(spec.paid, (p) => p.count),
              amount: Float64Array.from(spec.paid, (p) => p.amount),
              lastAtDays: Int32Array.from(spec.paid, (p) => p.lastAt),
            },
          },
          params,
        );
        expect(Array.from(batch.offsets)).toEqual(Array.from(a.offsets));
        expect(Array.from(batch.targets)).toEqual(Array.from(a.targets));
        expect(Array.from(batch.weights)).toEqual(Array.from(a.weights));
        expect(Array.from(batch.degree!)).toEqual(Array.from(a.degree!));
        // Structure: no self entries, no repeated target in a row, symmetric pattern,
        // trust-damped weights never above the nominal degree.
        for (let i = 0; i < a.nodeCount; i++) {
          const r = row(a, i);
          expect(r.size).toBe(a.offsets[i + 1]! - a.offsets[i]!);
          expect(r.has(i)).toBe(false);
          let sum = 0;
          for (const [j, w] of r) {
            expect(row(a, j).has(i)).toBe(true);
            sum += w;
          }
          expect(sum).toBeLessThanOrEqual(a.degree![i]! * (1 + 1e-12));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects links to unknown persons, bad weights and trust outside [0, 1]', () => {
    expect(() => new CsrBuilder(2).addFriend(0, 2, 0, 0)).toThrow(/^csr: link \(0, 2\) names a person outside 0\.\.1/);
    expect(() => new CsrBuilder(2).addLink(0, 1, -1)).toThrow(/^csr: link \(0, 1\) has weight -1/);
    expect(() => new CsrBuilder(2, { trust: [1] })).toThrow(/^csr: trust has 1 entries for 2 persons/);
    expect(() => new CsrBuilder(1, { trust: [2] }).build()).toThrow(/^csr: trust of person 0 is 2/);
    const b = new CsrBuilder(2);
    b.build();
    expect(() => b.addFriend(0, 1, 0, 0)).toThrow(/already built/);
  });
});

describe('csrFromLinks', () => {
  it('equals the builder on the same staged links and trust, and leaves self-links and bad ends to it', () => {
    const n = 50;
    const builder = new CsrBuilder(n, { initialCapacity: 4 });
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let k = 0; k < 400; k++) builder.addFriend(Math.floor(rnd() * n), Math.floor(rnd() * n), rnd() * 500, Math.floor(rnd() * 20));
    const staged = builder.stagedLinks();
    const links = { a: Int32Array.from(staged.a), b: Int32Array.from(staged.b), w: Float64Array.from(staged.w) };
    const trust = Float64Array.from({ length: n }, () => rnd());
    const want = new CsrBuilder(n, { trust }).addLinks(links).build();
    expect(csrFromLinks(n, links, { trust })).toEqual(want);
    const withSelf = { a: Int32Array.of(...links.a, 3), b: Int32Array.of(...links.b, 3), w: Float64Array.of(...links.w, 1) };
    expect(csrFromLinks(n, withSelf, { trust })).toEqual(want);
    expect(() => csrFromLinks(n, { a: Int32Array.of(0), b: Int32Array.of(n), w: Float64Array.of(1) })).toThrow(/outside 0\.\.49/);
  });
});

describe('csrFromEntries and transposeCsr', () => {
  it('sums repeated entries, drops self entries and transposes exactly', () => {
    const csr = csrFromEntries(3, [0, 0, 1, 2, 2, 1], [1, 1, 2, 0, 2, 0], [1, 2, 4, 8, 16, 32]);
    expect(row(csr, 0)).toEqual(new Map([[1, 3]]));
    expect(row(csr, 1)).toEqual(new Map([[2, 4], [0, 32]]));
    expect(row(csr, 2)).toEqual(new Map([[0, 8]]));
    expect(csr.degree).toBeUndefined();
    const t = transposeCsr(csr);
    const col = (j: number) => {
      const out = new Map<number, number>();
      for (let e = t.offsets[j]!; e < t.offsets[j + 1]!; e++) out.set(t.sources[e]!, t.values[e]!);
      return out;
    };
    expect(col(0)).toEqual(new Map([[1, 32], [2, 8]]));
    expect(col(1)).toEqual(new Map([[0, 3]]));
    expect(col(2)).toEqual(new Map([[1, 4]]));
  });
});
