import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transposeCsr, type Csr } from '../../../src/graph/csr.js';
import { LinkStaging } from '../../../src/graph/link-staging.js';
import { DEFAULT_NETWORK_PARAMS as P } from '../../../src/graph/network-params.js';
import { nominalCsr } from '../../../src/graph/nominal-csr.js';
import { friendStrength, paidStrength } from '../../../src/graph/tie-strength.js';
import { csrFromEntries, trustedCsr } from '../../support/csr-fixtures.js';
import { csrOf, graphSpec, networkParams, seeded } from './helpers.js';

function row(csr: Csr, i: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let e = csr.offsets[i]!; e < csr.offsets[i + 1]!; e++) out.set(csr.targets[e]!, csr.weights[e]!);
  return out;
}

describe('the contact CSR (staging → nominalCsr → withTrust)', () => {
  it('merges FRIEND and PAID links of a pair into one entry per direction, weighted by the contact’s trust', () => {
    const staging = new LinkStaging(3);
    staging.addFriend(0, 1, 100, 12).addPaid(0, 1, 3, 200, 30).addPaid(1, 0, 1, 50, 400).addFriend(2, 2, 10, 10);
    staging.addFriend(2, 0, 10, 0);
    const csr = trustedCsr(staging, [1, 0.1, 0.5]);
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
    expect(csr.degree[0]).toBeCloseTo(nominal01 + f20, 14);
    expect(csr.degree[1]).toBeCloseTo(nominal01, 14);
    expect(csr.degree[2]).toBeCloseTo(f20, 14);
  });

  it('holds at most 16 bytes per directed entry', () => {
    const csr = trustedCsr(new LinkStaging(2).addFriend(0, 1, 1, 1));
    expect(csr.targets.BYTES_PER_ELEMENT + csr.weights.BYTES_PER_ELEMENT).toBeLessThanOrEqual(16);
    expect(csr.offsets).toBeInstanceOf(Int32Array);
  });

  it('has no self entries, no repeated target in a row, a symmetric pattern and trusted weights within D', () => {
    fc.assert(
      fc.property(graphSpec(), networkParams(), (spec, params) => {
        const a = csrOf(spec, params);
        expect(a.symmetric).toBe(true);
        for (let i = 0; i < a.nodeCount; i++) {
          const r = row(a, i);
          expect(r.size).toBe(a.offsets[i + 1]! - a.offsets[i]!);
          expect(r.has(i)).toBe(false);
          let sum = 0;
          for (const [j, w] of r) {
            expect(row(a, j).has(i)).toBe(true);
            sum += w;
          }
          expect(sum).toBeLessThanOrEqual(a.degree[i]! * (1 + 1e-12));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('nominalCsr', () => {
  it('drops self-links and refuses bad ends and weights', () => {
    const n = 50;
    const staging = new LinkStaging(n, { initialCapacity: 4 });
    const rnd = seeded(7);
    for (let k = 0; k < 400; k++) staging.addFriend(Math.floor(rnd() * n), Math.floor(rnd() * n), rnd() * 500, Math.floor(rnd() * 20));
    const links = staging.links();
    const want = nominalCsr(n, links);
    const withSelf = { a: Int32Array.of(...links.a, 3), b: Int32Array.of(...links.b, 3), w: Float64Array.of(...links.w, 1) };
    expect(nominalCsr(n, withSelf)).toEqual(want);
    expect(want.offsets[n]).toBe(want.targets.length);
    expect(() => nominalCsr(n, { a: Int32Array.of(0), b: Int32Array.of(n), w: Float64Array.of(1) })).toThrow(/^csr: link \(0, 50\) names a person outside 0\.\.49/);
    expect(() => nominalCsr(n, { a: Int32Array.of(0), b: Int32Array.of(1), w: Float64Array.of(NaN) })).toThrow(/^csr: link \(0, 1\) has weight NaN/);
    expect(() => nominalCsr(n, { a: Int32Array.of(0), b: Int32Array.of(), w: Float64Array.of(1) })).toThrow(/^csr: link batch columns differ/);
  });
});

describe('csrFromEntries and transposeCsr', () => {
  it('sums repeated entries, drops self entries and transposes exactly', () => {
    const csr = csrFromEntries(3, [0, 0, 1, 2, 2, 1], [1, 1, 2, 0, 2, 0], [1, 2, 4, 8, 16, 32]);
    expect(row(csr, 0)).toEqual(new Map([[1, 3]]));
    expect(row(csr, 1)).toEqual(new Map([[2, 4], [0, 32]]));
    expect(row(csr, 2)).toEqual(new Map([[0, 8]]));
    expect(Array.from(csr.degree)).toEqual([3, 36, 8]);
    expect(csr.symmetric).toBe(false);
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
