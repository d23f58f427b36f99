import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkStaging } from '../../../src/graph/link-staging.js';
import { DEFAULT_NETWORK_PARAMS as P } from '../../../src/graph/network-params.js';
import { friendStrength, paidStrength } from '../../../src/graph/tie-strength.js';
import { graphSpec, networkParams } from './helpers.js';

describe('LinkStaging', () => {
  it('stages each link with its nominal weight typeWeight · strength and drops self-links', () => {
    const staging = new LinkStaging(3).addFriend(0, 1, 100, 12).addPaid(1, 0, 1, 50, 400).addFriend(2, 2, 10, 10);
    const links = staging.links();
    expect(staging.linkCount).toBe(2);
    expect(Array.from(links.a)).toEqual([0, 1]);
    expect(Array.from(links.b)).toEqual([1, 0]);
    expect(Array.from(links.w)).toEqual([P.friendWeight * friendStrength(100, 12), P.paidWeight * paidStrength(1, 50, 400)]);
  });

  it('stages the same links from column batches as one by one, growing past its initial capacity', () => {
    fc.assert(
      fc.property(graphSpec(), networkParams(), (spec, params) => {
        const one = new LinkStaging(spec.n, { params, initialCapacity: 1 });
        for (const f of spec.friends) one.addFriend(f.a, f.b, f.since, f.interactions);
        for (const p of spec.paid) one.addPaid(p.from, p.to, p.count, p.amount, p.lastAt);
        const batch = new LinkStaging(spec.n, { params })
          .addFriends({
            a: Int32Array.from(spec.friends, (f) => f.a),
            b: Int32Array.from(spec.friends, (f) => f.b),
            sinceDays: Int32Array.from(spec.friends, (f) => f.since),
            interactions: Int32Array.from(spec.friends, (f) => f.interactions),
          })
          .addPaids({
            from: Int32Array.from(spec.paid, (p) => p.from),
            to: Int32Array.from(spec.paid, (p) => p.to),
            count: Int32Array.from(spec.paid, (p) => p.count),
            amount: Float64Array.from(spec.paid, (p) => p.amount),
            lastAtDays: Int32Array.from(spec.paid, (p) => p.lastAt),
          });
        const [x, y] = [one.links(), batch.links()];
        expect(Array.from(y.a)).toEqual(Array.from(x.a));
        expect(Array.from(y.b)).toEqual(Array.from(x.b));
        expect(Array.from(y.w)).toEqual(Array.from(x.w));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects links to unknown persons and bad weights', () => {
    expect(() => new LinkStaging(2).addFriend(0, 2, 0, 0)).toThrow(/^csr: link \(0, 2\) names a person outside 0\.\.1/);
    expect(() => new LinkStaging(2).addLink(0, 1, -1)).toThrow(/^csr: link \(0, 1\) has weight -1/);
    expect(() => new LinkStaging(2).addFriends({ a: [0], b: [], sinceDays: [0], interactions: [0] })).toThrow(/^csr: FRIEND batch columns differ/);
    expect(() => new LinkStaging(-1)).toThrow(/^csr: nodeCount must be an integer/);
  });
});
