/**
 * Ego network: the neighbourhood of one person as a small graphology graph, for the analyst
 * page (sigma) and for local analytics. `.export()` of the result is plain JSON.
 *
 * Selection (strongest edges first, capped at maxNodes):
 *   1. the ego (hops 0);
 *   2. its contacts j by decreasing w_ego,j (ties: smaller id), hops 1 — at depth 2 at most
 *      half the room (rounded up), so a person with more contacts than the cap still shows
 *      contacts of contacts;
 *   3. with depth 2, persons m at two hops by decreasing max_k w_k,m over the chosen hop-1
 *      persons k (ties: smaller id), hops 2, into the rest of the room;
 *   4. room still left (too few contacts of contacts) goes to the next strongest contacts.
 * Graph attributes: `depth`, `contactsTotal` (the ego's contacts in the whole graph) and, at
 * depth 2, `secondHopTotal` (persons exactly two hops away in the whole graph), so a drawing
 * can say "showing N of M".
 * Edges: every CSR entry u → v between chosen persons, as a directed edge keyed `u>v` with
 * `weight` = w_uv (and `share` = P_uv when a transition is given). Node attributes: `hops`
 * plus whatever the caller's callback supplies (score, band, influence — the graph layer
 * knows no scores).
 *
 * Reference: ego-centred networks as in S. Wasserman, K. Faust, "Social Network Analysis:
 * Methods and Applications" (1994), ch. 2; graph container: graphology (Guillaume Plique et al.).
 */
import { DirectedGraph } from 'graphology';
import type { Attributes } from 'graphology-types';
import type { Csr } from './csr.js';
import type { Transition } from './propagate.js';

const DEFAULTS = {
  depth: 1 as 1 | 2,
  maxNodes: 50,
};

export interface EgoNetworkOptions {
  /** 1: the ego and its contacts; 2: also contacts of contacts (default 1). */
  depth?: 1 | 2;
  /** At most this many persons, the ego included (default 50). */
  maxNodes?: number;
  /** Node key of a person (default its id as a string). */
  nodeKey?: (node: number) => string;
  /** Extra node attributes (e.g. score, band, influence), supplied by the caller. */
  nodeAttributes?: (node: number) => Attributes;
  /** Adds `share` = P_uv to the edges. */
  transition?: Transition;
}

/** Node attributes always present on an ego network. */
export interface EgoNodeAttributes extends Attributes {
  /** Person id (CSR row). */
  node: number;
  /** 0 for the ego, 1 for contacts, 2 for contacts of contacts. */
  hops: number;
}

/** Edge attributes of an ego network. */
export interface EgoEdgeAttributes extends Attributes {
  weight: number;
  share?: number;
}

/**
 * Builds the ego network of person `ego`.
 *
 * @example
 * const g = egoNetwork(csr, 42, { depth: 2, maxNodes: 100, nodeAttributes: (i) => ({ score: scores[i] }) });
 * JSON.stringify(g.export()); // nodes with hops/score, edges with weight
 */
export function egoNetwork(
  csr: Csr,
  ego: number,
  opts: EgoNetworkOptions = {},
): DirectedGraph<EgoNodeAttributes, EgoEdgeAttributes> {
  const n = csr.nodeCount;
  if (!(Number.isInteger(ego) && ego >= 0 && ego < n)) throw new Error(`ego-network: person ${ego} is outside 0..${n - 1}`);
  const depth = opts.depth ?? DEFAULTS.depth;
  if (depth !== 1 && depth !== 2) throw new Error(`ego-network: depth must be 1 or 2, got ${String(depth)}`);
  const maxNodes = opts.maxNodes ?? DEFAULTS.maxNodes;
  if (!(Number.isInteger(maxNodes) && maxNodes >= 1)) throw new Error(`ego-network: maxNodes must be an integer ≥ 1, got ${maxNodes}`);
  if (opts.transition && opts.transition.p.length !== csr.targets.length) {
    throw new Error('ego-network: the transition was built for another CSR');
  }
  const { offsets, targets, weights } = csr;
  const key = opts.nodeKey ?? ((i: number) => String(i));

  const { hops, contactsTotal } = selectNodes(csr, ego, depth, maxNodes);

  const graph = new DirectedGraph<EgoNodeAttributes, EgoEdgeAttributes>();
  graph.replaceAttributes({ depth, contactsTotal, ...(depth === 2 ? { secondHopTotal: secondHopCount(csr, ego) } : {}) });
  const chosen = [...hops.keys()].sort((a, b) => hops.get(a)! - hops.get(b)! || a - b);
  for (const u of chosen) {
    graph.addNode(key(u), { ...(opts.nodeAttributes?.(u) ?? {}), node: u, hops: hops.get(u)! });
  }
  const p = opts.transition?.p;
  for (const u of chosen) {
    const ku = key(u);
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      if (!hops.has(v)) continue;
      const kv = key(v);
      const attrs: EgoEdgeAttributes = p ? { weight: weights[e]!, share: p[e]! } : { weight: weights[e]! };
      graph.addEdgeWithKey(`${ku}>${kv}`, ku, kv, attrs);
    }
  }
  return graph;
}

/** The persons drawn, with their hop distance (selection rules in the banner). */
function selectNodes(csr: Csr, ego: number, depth: 1 | 2, maxNodes: number): { hops: Map<number, number>; contactsTotal: number } {
  const { offsets, targets, weights } = csr;
  const hops = new Map<number, number>([[ego, 0]]);
  const byStrength = (a: [number, number], b: [number, number]): number => b[1] - a[1] || a[0] - b[0];

  const first: [number, number][] = [];
  for (let e = offsets[ego]!; e < offsets[ego + 1]!; e++) if (targets[e] !== ego) first.push([targets[e]!, weights[e]!]);
  first.sort(byStrength);
  const room = maxNodes - 1;
  const level1: number[] = [];
  const addContacts = (upTo: number) => {
    for (let k = level1.length; k < first.length && level1.length < upTo; k++) {
      const j = first[k]![0];
      hops.set(j, 1);
      level1.push(j);
    }
  };
  addContacts(depth === 2 ? Math.ceil(room / 2) : room);
  if (depth === 2) {
    const contacts = new Set(first.map(([j]) => j));
    const best = new Map<number, number>();
    for (const k of level1) {
      for (let e = offsets[k]!; e < offsets[k + 1]!; e++) {
        const m = targets[e]!;
        if (hops.has(m) || contacts.has(m)) continue; // an unchosen contact is one hop away, not two
        const w = weights[e]!;
        const seen = best.get(m);
        if (seen === undefined || w > seen) best.set(m, w);
      }
    }
    const second = [...best.entries()].sort(byStrength);
    for (const [m] of second) {
      if (hops.size > room) break;
      hops.set(m, 2);
    }
    addContacts(room - (hops.size - 1 - level1.length));
  }
  return { hops, contactsTotal: first.length };
}

/** Persons exactly two hops from `ego` in the whole graph: O(Σ degree of its contacts). */
function secondHopCount(csr: Csr, ego: number): number {
  const { offsets, targets } = csr;
  const near = new Set<number>([ego]);
  for (let e = offsets[ego]!; e < offsets[ego + 1]!; e++) near.add(targets[e]!);
  const far = new Set<number>();
  for (let e = offsets[ego]!; e < offsets[ego + 1]!; e++) {
    const k = targets[e]!;
    for (let f = offsets[k]!; f < offsets[k + 1]!; f++) if (!near.has(targets[f]!)) far.add(targets[f]!);
  }
  return far.size;
}
