/** The graph explorer's pure parts: label placement, the impact scale, the CSV of a what-if, the display graph. */
import { describe, expect, it } from 'vitest';
import { affectedCsv } from '../../../src/web/components/affected-csv.js';
import { addNetwork, countByHops, emptyDisplayGraph, kindsDrawn } from '../../../src/web/components/display-graph.js';
import { IMPACT_SIZE, impactColour, impactSize, impactTicks } from '../../../src/web/components/impact-scale.js';
import { labelBox, LabelPlacer, overlaps } from '../../../src/web/components/label-placement.js';
import type { EgoNetwork } from '../../../src/web/api/types.js';

describe('LabelPlacer', () => {
  it('draws a label only where it overlaps none drawn, and always a reserved one', () => {
    const placer = new LabelPlacer();
    const reserved = labelBox({ x: 0, y: 0, size: 5 }, 50, 12);
    placer.reset([reserved]);
    expect(placer.place(labelBox({ x: 10, y: 4, size: 5 }, 50, 12))).toBe(false); // under the reserved one
    expect(placer.place(labelBox({ x: 0, y: 30, size: 5 }, 50, 12))).toBe(true);
    expect(placer.place(labelBox({ x: 40, y: 32, size: 5 }, 50, 12))).toBe(false);
    expect(placer.place(labelBox({ x: 200, y: 0, size: 5 }, 50, 12))).toBe(true);
    expect(placer.place(reserved, true)).toBe(true);
    const boxes = placer.placed;
    expect(boxes).toHaveLength(3);
    for (const [k, a] of boxes.entries()) for (const b of boxes.slice(k + 1)) expect(overlaps(a, b)).toBe(false);
  });

  it('puts the box right of the node, centred on it', () => {
    expect(labelBox({ x: 100, y: 50, size: 6 }, 40, 12)).toEqual({ x: 109, y: 42, width: 40, height: 14 });
  });
});

describe('impact scale', () => {
  it('is red for losses, blue for gains, near-white at 0, symmetric, and clamps beyond the largest move', () => {
    expect(impactColour(-5, 5)).toBe('#b2182b');
    expect(impactColour(5, 5)).toBe('#2166ac');
    expect(impactColour(0, 5)).toBe('#f7f7f7');
    expect(impactColour(-50, 5)).toBe('#b2182b');
    expect(impactTicks(4).map((t) => t.deltaPoints)).toEqual([-4, -2, 0, 2, 4]);
    expect(impactSize(0, 4)).toBe(IMPACT_SIZE.min);
    expect(impactSize(-4, 4)).toBe(IMPACT_SIZE.max);
    expect(impactSize(-1, 4)).toBeCloseTo(IMPACT_SIZE.min + (IMPACT_SIZE.max - IMPACT_SIZE.min) / 2, 9); // area ∝ move
  });
});

describe('affectedCsv', () => {
  it('writes every row with the exact numbers and defuses formula-like cells', () => {
    const row = { deltaPoints: -1.25, hops: 1, score: 600, projectedScore: 599, deltaOwn: 0, deltaNetwork: -0.0143 };
    const csv = affectedCsv({ affected: [{ personId: 'p1', ...row }, { personId: '=HYPERLINK("x")', ...row, score: null, projectedScore: null }] });
    expect(csv.split('\r\n')).toEqual([
      'person_id,delta_points,hops,score,projected_score,delta_own,delta_network',
      'p1,-1.25,1,600,599,0,-0.0143',
      `"'=HYPERLINK(""x"")",-1.25,1,,,0,-0.0143`,
      '',
    ]);
  });
});

describe('display graph', () => {
  const network = (ego: string, nodes: [string, number][], edges: [string, string, 'friendship' | 'payment' | 'both' | null][]): EgoNetwork => ({
    attributes: { ego, runId: 'r', depth: 1, contactsTotal: nodes.length - 1 + 10 },
    options: { type: 'directed' },
    nodes: nodes.map(([key, hops], k) => ({ key, attributes: { node: k, hops, label: key, score: 600, band: 'good', influence: k } })),
    edges: edges.map(([source, target, kind]) => ({ key: `${source}>${target}`, source, target, attributes: { weight: 1, share: 0.5, kind } })),
  });

  it('merges an expanded node\'s network one hop further out, one edge per pair, with kinds and totals', () => {
    const graph = emptyDisplayGraph();
    addNetwork(graph, network('a', [['a', 0], ['b', 1], ['c', 1]], [['a', 'b', 'friendship'], ['b', 'a', 'friendship'], ['a', 'c', 'both']]));
    expect(graph.size).toBe(2);
    const added = addNetwork(graph, network('b', [['b', 0], ['a', 1], ['d', 1]], [['b', 'd', 'payment'], ['b', 'a', 'friendship']]), { hopOffset: 1, near: 'b' });
    expect(added).toEqual(['d']);
    expect(graph.getNodeAttribute('d', 'hops')).toBe(2);
    expect(graph.getNodeAttribute('b', 'contactsTotal')).toBe(12);
    expect(countByHops(graph)).toEqual([1, 2, 1]);
    expect(kindsDrawn(graph)).toEqual(new Set(['friendship', 'both', 'payment']));
  });
});
