/**
 * Communities of the planted partition: heavy-tailed sizes (Pareto, capped), members picked by
 * a random permutation so community never follows person seq, and one N(0,1) effect each.
 */
import type { Prng } from '../prng.js';

export interface CommunityParams {
  minSize: number;
  tailIndex: number;
  maxShare: number;
}

export interface CommunityPlan {
  /** Community of each person (length N). */
  community: Int32Array;
  count: number;
  /** Persons grouped by community: members of c are order[start[c]..start[c+1]). */
  order: Int32Array;
  start: Int32Array;
  /** Community effect c_k ~ N(0, 1). */
  effect: Float64Array;
}

export function planCommunities(n: number, p: CommunityParams, rng: Prng): CommunityPlan {
  const cap = Math.max(p.minSize, Math.floor(p.maxShare * n));
  const sizes: number[] = [];
  let left = n;
  while (left > 0) {
    let size = Math.min(cap, Math.floor(rng.pareto(p.minSize, p.tailIndex)));
    if (left - size < p.minSize) size = left; // the last community absorbs a small remainder
    sizes.push(size);
    left -= size;
  }
  const count = sizes.length;
  const start = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) start[c + 1] = start[c]! + sizes[c]!;

  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const community = new Int32Array(n);
  for (let c = 0; c < count; c++) {
    for (let pos = start[c]!; pos < start[c + 1]!; pos++) community[order[pos]!] = c;
  }
  const effect = new Float64Array(count);
  for (let c = 0; c < count; c++) effect[c] = rng.normal();
  return { community, count, order, start, effect };
}
