import { describe, expect, it } from 'vitest';
import { csrFromEntries } from '../../support/csr-fixtures.js';
import { egoNetwork } from '../../../src/graph/ego-network.js';
import { DEFAULT_NETWORK_PARAMS } from '../../../src/graph/network-params.js';
import { buildTransition } from '../../../src/graph/propagate.js';

// Ego 0 with contacts 1..5 (weights 5, 4, 3, 2, 1 from 0's side); 1 knows 6 (w 9) and 7 (w 1);
// 2 knows 8 (w 3); 6 knows 9 (three hops: never included).
function fixture() {
  const pairs: [number, number, number][] = [
    [0, 1, 5], [0, 2, 4], [0, 3, 3], [0, 4, 2], [0, 5, 1],
    [1, 6, 9], [1, 7, 1], [2, 8, 3], [6, 9, 7], [1, 2, 2],
  ];
  const src: number[] = [];
  const dst: number[] = [];
  const w: number[] = [];
  for (const [a, b, x] of pairs) {
    src.push(a, b);
    dst.push(b, a);
    w.push(x, x / 2);
  }
  return csrFromEntries(10, src, dst, w);
}

describe('egoNetwork', () => {
  it('depth 1 keeps the ego and its strongest contacts, capped at maxNodes', () => {
    const g = egoNetwork(fixture(), 0, { maxNodes: 4 });
    expect(g.order).toBe(4);
    expect(g.nodes()).toEqual(['0', '1', '2', '3']);
    expect(g.getNodeAttribute('0', 'hops')).toBe(0);
    expect(g.getNodeAttribute('3', 'hops')).toBe(1);
    // Induced edges, both directions, with the CSR weights.
    expect(g.size).toBe(8);
    expect(g.getEdgeAttribute('0>1', 'weight')).toBe(5);
    expect(g.getEdgeAttribute('1>0', 'weight')).toBe(2.5);
    expect(g.getEdgeAttribute('1>2', 'weight')).toBe(2);
  });

  it('depth 2 adds contacts of contacts by strongest edge, never beyond two hops', () => {
    const csr = fixture();
    // Room 7: contacts take at most 4 (the strongest: 1..4), contacts of contacts the rest (6, 8, 7 by strength).
    const g = egoNetwork(csr, 0, { depth: 2, maxNodes: 8, nodeKey: (i) => `p${i}`, nodeAttributes: (i) => ({ score: 600 + i }) });
    expect(g.order).toBe(8);
    expect(g.nodes()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p6', 'p7', 'p8']);
    expect(g.getNodeAttributes('p6')).toEqual({ score: 606, node: 6, hops: 2 });
    expect(g.hasNode('p9')).toBe(false);
    expect(g.getAttributes()).toEqual({ depth: 2, contactsTotal: 5, secondHopTotal: 3 });
    const all = egoNetwork(csr, 0, { depth: 2, maxNodes: 100 });
    expect(all.order).toBe(9); // everybody but 9
    expect(all.getNodeAttribute('7', 'hops')).toBe(2);
    expect(all.getNodeAttribute('5', 'hops')).toBe(1);
  });

  it('depth 2 keeps room for contacts of contacts when the ego has more contacts than the cap', () => {
    // A hub 0 with 300 contacts 1..300; contact k knows its own friend 300 + k.
    const src: number[] = [];
    const dst: number[] = [];
    const w: number[] = [];
    for (let k = 1; k <= 300; k++) {
      src.push(0, k, k, 300 + k);
      dst.push(k, 0, 300 + k, k);
      w.push(1 + k / 1000, 1, 1, 1);
    }
    const csr = csrFromEntries(601, src, dst, w);
    const g = egoNetwork(csr, 0, { depth: 2, maxNodes: 200 });
    const byHops = [0, 1, 2].map((hop) => g.filterNodes((_key, attrs) => attrs.hops === hop).length);
    expect(byHops).toEqual([1, 100, 99]);
    expect(g.getAttributes()).toMatchObject({ contactsTotal: 300, secondHopTotal: 300 });
    // Each contact of a contact drawn hangs off a drawn contact.
    g.forEachNode((key, attrs) => {
      if (attrs.hops === 2) expect(g.neighbors(key).some((other) => g.getNodeAttribute(other, 'hops') === 1)).toBe(true);
    });
    // Too few contacts of contacts: the room goes back to contacts.
    const spokes = Array.from({ length: 10 }, (_v, k) => k + 1);
    const star = egoNetwork(csrFromEntries(11, [...spokes.map(() => 0), ...spokes], [...spokes, ...spokes.map(() => 0)], [...spokes, ...spokes]), 0, { depth: 2, maxNodes: 5 });
    expect(star.nodes()).toEqual(['0', '7', '8', '9', '10']);
    expect(star.getAttribute('secondHopTotal')).toBe(0);
    const g1 = egoNetwork(csr, 0, { depth: 1, maxNodes: 200 });
    expect(g1.order).toBe(200);
    expect(g1.getAttributes()).toEqual({ depth: 1, contactsTotal: 300 });
  });

  it('exports plain JSON, with shares when a transition is given', () => {
    const csr = fixture();
    const t = buildTransition(csr, DEFAULT_NETWORK_PARAMS);
    const g = egoNetwork(csr, 6, { transition: t });
    const json = JSON.parse(JSON.stringify(g.export())) as { nodes: { key: string }[]; edges: { key: string; attributes: { share: number } }[] };
    expect(json.nodes.map((n) => n.key)).toEqual(['6', '1', '9']);
    const e = json.edges.find((x) => x.key === '6>1')!;
    expect(e.attributes.share).toBeCloseTo(Math.min(4.5 / (4.5 + 7), DEFAULT_NETWORK_PARAMS.perContactCap), 15);
    expect(() => egoNetwork(csr, 10)).toThrow(/^ego-network: person 10 is outside 0\.\.9/);
    expect(() => egoNetwork(csr, 0, { maxNodes: 0 })).toThrow(/^ego-network: maxNodes/);
  });
});
