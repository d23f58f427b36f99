/**
 * The strongest-tie path between two persons: the path along which a shock to `from` reaches
 * `to` most strongly. A step u → v means v has u as a contact, and x_v holds the share P_vu of
 * x_u (propagate.ts), so a shock to x_u moves x_v by α·P_vu per unit through that tie. Along a
 * path the factors multiply, and the strongest path maximises Π P over its steps — a shortest
 * path for the cost −ln P_vu ≥ 0 (Dijkstra). Ties (equal cost): fewer hops, then the smaller
 * next person.
 *
 *     strength(path) = Π_steps P_{v,u},   cost(path) = Σ_steps −ln P_{v,u}
 *
 * The search runs backwards from `to`: P_vu sits in row v of the CSR (v's contacts), so relaxing
 * the predecessors u of v reads row v as it is stored, with no transpose. It stops when `from`
 * is settled, so the work is bounded by the persons closer (in cost) to `to` than `from` is.
 *
 * Reference: E. W. Dijkstra, "A note on two problems in connexion with graphs", Numerische
 * Mathematik 1 (1959); most reliable paths as shortest paths in −log weights: e.g. R. K. Ahuja,
 * T. L. Magnanti, J. B. Orlin, "Network Flows" (1993), ch. 4.
 */
import type { Csr } from './csr.js';
import type { Transition } from './propagate.js';

export interface StrongestPath {
  /** Persons from `from` to `to` (both included); empty when `to` cannot be reached. */
  nodes: number[];
  /** P of each step: `shares[k]` is the share of nodes[k] in nodes[k + 1]'s network value. */
  shares: number[];
  /** Π shares (1 for from = to, 0 when unreachable). */
  strength: number;
}

/** A binary min-heap of (cost, hops, node) entries in parallel arrays. */
class PathHeap {
  private cost: number[] = [];
  private hops: number[] = [];
  private node: number[] = [];

  get size(): number {
    return this.node.length;
  }

  private less(a: number, b: number): boolean {
    return this.cost[a]! < this.cost[b]! || (this.cost[a] === this.cost[b] && (this.hops[a]! < this.hops[b]! || (this.hops[a] === this.hops[b] && this.node[a]! < this.node[b]!)));
  }

  private swap(a: number, b: number): void {
    for (const column of [this.cost, this.hops, this.node]) [column[a], column[b]] = [column[b]!, column[a]!];
  }

  push(cost: number, hops: number, node: number): void {
    this.cost.push(cost);
    this.hops.push(hops);
    this.node.push(node);
    for (let i = this.size - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { cost: number; hops: number; node: number } {
    const top = { cost: this.cost[0]!, hops: this.hops[0]!, node: this.node[0]! };
    const last = this.size - 1;
    this.swap(0, last);
    this.cost.pop();
    this.hops.pop();
    this.node.pop();
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.less(l, m)) m = l;
      if (r < this.size && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}

/**
 * @example
 * const path = strongestPath(csr, transition, 42, 7);
 * path.nodes;    // [42, 19, 7]: 42 is a contact of 19, 19 of 7
 * path.strength; // P_{19,42} · P_{7,19}
 */
export function strongestPath(csr: Csr, transition: Transition, from: number, to: number): StrongestPath {
  const n = csr.nodeCount;
  for (const [name, node] of [['from', from], ['to', to]] as const) {
    if (!(Number.isInteger(node) && node >= 0 && node < n)) throw new Error(`strongest-path: ${name} ${node} is outside 0..${n - 1}`);
  }
  if (transition.p.length !== csr.targets.length) throw new Error('strongest-path: the transition was built for another CSR');
  const { offsets, targets } = csr;
  const p = transition.p;
  const cost = new Map<number, number>([[to, 0]]);
  const hops = new Map<number, number>([[to, 0]]);
  /** next.get(u) = [v, P_vu]: the step after u on its best path to `to`. */
  const next = new Map<number, [number, number]>();
  const settled = new Set<number>();
  const heap = new PathHeap();
  heap.push(0, 0, to);
  while (heap.size > 0) {
    const { cost: c, hops: h, node: v } = heap.pop();
    if (settled.has(v) || c !== cost.get(v) || h !== hops.get(v)) continue;
    settled.add(v);
    if (v === from) break;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const u = targets[e]!;
      const share = p[e]!;
      if (!(share > 0) || settled.has(u)) continue;
      const cu = c - Math.log(share);
      const known = cost.get(u);
      if (known === undefined || cu < known || (cu === known && (h + 1 < hops.get(u)! || (h + 1 === hops.get(u)! && v < next.get(u)![0])))) {
        cost.set(u, cu);
        hops.set(u, h + 1);
        next.set(u, [v, share]);
        heap.push(cu, h + 1, u);
      }
    }
  }
  if (!settled.has(from)) return { nodes: [], shares: [], strength: 0 };
  const nodes = [from];
  const shares: number[] = [];
  for (let u = from; u !== to; ) {
    const [v, share] = next.get(u)!;
    nodes.push(v);
    shares.push(share);
    u = v;
  }
  return { nodes, shares, strength: shares.reduce((x, y) => x * y, 1) };
}
