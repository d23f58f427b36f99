import { describe, expect, it } from 'vitest';
import { CommunitiesTooLargeError, detectCommunities } from '../../../src/graph/communities.js';
import { LinkStaging } from '../../../src/graph/link-staging.js';
import { csrFromEntries, trustedCsr } from '../../support/csr-fixtures.js';
import { seeded } from './helpers.js';

/** Two 6-cliques joined by one weak edge. */
function twoCliques() {
  const staging = new LinkStaging(12);
  for (const base of [0, 6]) {
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) staging.addFriend(base + i, base + j, 300, 30);
  }
  staging.addFriend(5, 6, 10, 0);
  return trustedCsr(staging);
}

describe('detectCommunities', () => {
  it('finds planted communities and summarises their size, mean score and outcome rate', () => {
    const scores = Float64Array.from({ length: 12 }, (_, i) => (i < 6 ? 700 : 500));
    const outcomes = Float64Array.from({ length: 12 }, (_, i) => (i < 6 ? 0 : i < 9 ? 1 : i === 9 ? NaN : 0));
    const r = detectCommunities(twoCliques(), { seed: 3, scores, outcomes });
    expect(r.count).toBe(2);
    const a = r.community[0]!;
    const b = r.community[11]!;
    expect(a).not.toBe(b);
    for (let i = 0; i < 6; i++) expect(r.community[i]).toBe(a);
    for (let i = 6; i < 12; i++) expect(r.community[i]).toBe(b);
    expect(r.communities[a]).toEqual({ id: a, size: 6, meanScore: 700, outcomeKnown: 6, outcomeRate: 0 });
    expect(r.communities[b]).toEqual({ id: b, size: 6, meanScore: 500, outcomeKnown: 5, outcomeRate: 3 / 5 });
    expect(r.modularity).toBeGreaterThan(0.4);
  });

  it('is deterministic for a fixed seed', () => {
    const rnd = seeded(11);
    const n = 400;
    const staging = new LinkStaging(n);
    for (let k = 0; k < 2000; k++) {
      const a = Math.floor(rnd() * n);
      // Mostly within blocks of 40, sometimes across.
      const b = rnd() < 0.85 ? Math.floor(a / 40) * 40 + Math.floor(rnd() * 40) : Math.floor(rnd() * n);
      staging.addFriend(a, b, 100, Math.floor(rnd() * 30));
    }
    const csr = trustedCsr(staging);
    const first = detectCommunities(csr, { seed: 42 });
    const second = detectCommunities(csr, { seed: 42 });
    expect(Array.from(second.community)).toEqual(Array.from(first.community));
    expect(second.modularity).toBe(first.modularity);
    expect(first.count).toBeGreaterThan(3);
    expect(first.communities.reduce((s, c) => s + c.size, 0)).toBe(n);
    expect(Number.isNaN(first.communities[0]!.meanScore)).toBe(true);
  });

  it('refuses graphs above the edge limit with a clear message', () => {
    const csr = twoCliques(); // 31 undirected edges
    expect(() => detectCommunities(csr, { maxEdges: 30 })).toThrow(
      /^communities: graph has 31 edges, above graphology's limit of 30 /,
    );
    // An asymmetric CSR under-counts up front; the build still stops at the limit.
    const oneWay = csrFromEntries(4, [0, 0, 0, 1], [1, 2, 3, 2], [1, 1, 1, 1]);
    expect(() => detectCommunities(oneWay, { maxEdges: 3 })).toThrow(/^communities: graph has 4 edges/);
    expect(() => detectCommunities(csr, { maxEdges: 30 })).toThrow(CommunitiesTooLargeError);
  });
});
