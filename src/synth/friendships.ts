/**
 * Friendship edges of the synthetic population (banner of population.ts, step 3): a
 * degree-corrected planted partition sampled Chung–Lu style — each draw picks both ends in
 * proportion to their expected degree, inside one community or across all — followed by
 * per-tie interactions and age.
 *
 * Pairs are deduplicated through one sorted Float64Array of keys a·N + b (exact below 2^53),
 * which is also what leaves the edges sorted by (a, b).
 */
import type { CommunityPlan } from './communities.js';
import type { SynthParams } from './population.js';
import type { Prng } from './prng.js';

type FriendshipParams = SynthParams['friendships'];

/** Friend pairs, a < b, sorted by (a, b). */
export interface FriendPairs {
  a: Int32Array;
  b: Int32Array;
}

export interface TieArrays {
  sinceDays: Int32Array;
  interactions: Int32Array;
}

/** Expected degrees w_i: Pareto, damped for new and unverified accounts, capped, mean d̄. */
export function expectedDegrees(
  n: number,
  accountAgeDays: Int32Array,
  verified: Uint8Array,
  p: FriendshipParams,
  rng: Prng,
): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const age = Math.min(1, accountAgeDays[i]! / 365);
    w[i] = rng.pareto(1, p.degreeTail) * (0.15 + 0.85 * age) * (verified[i] ? 1 : p.unverifiedDegreeFactor);
  }
  const cap = Math.min(p.maxDegree, Math.max(1, n - 1));
  // Rescale to the target mean; the cap bites after scaling, so repeat until it settles.
  for (let round = 0; round < 4; round++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += w[i]!;
    if (sum === 0) break;
    const scale = (p.meanDegree * n) / sum;
    for (let i = 0; i < n; i++) w[i] = Math.min(cap, w[i]! * scale);
  }
  return w;
}

/** First index in [lo, hi) whose cumulative weight exceeds x (hi − 1 against rounding). */
function upperBound(cum: Float64Array, lo: number, hi: number, x: number): number {
  const last = hi - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo > last ? last : lo;
}

/** Sorts keys[0..len) and removes repeats in place; returns the new length. */
function sortUnique(keys: Float64Array, len: number): number {
  const view = keys.subarray(0, len);
  view.sort();
  let out = 0;
  for (let k = 0; k < len; k++) {
    const key = view[k]!;
    if (out === 0 || view[out - 1] !== key) view[out++] = key;
  }
  return out;
}

export function sampleFriendPairs(n: number, w: Float64Array, plan: CommunityPlan, p: FriendshipParams, rng: Prng): FriendPairs {
  const { community, order, start, count: communities } = plan;
  const wIn = new Float64Array(n);
  const cumOut = new Float64Array(n);
  let totalOut = 0;
  for (let i = 0; i < n; i++) {
    const size = start[community[i]! + 1]! - start[community[i]!]!;
    const inside = Math.min(p.intraShare * w[i]!, p.intraCapShare * (size - 1));
    wIn[i] = inside;
    totalOut += w[i]! - inside;
    cumOut[i] = totalOut;
  }
  // Intra weights cumulated in community order, so each community is one contiguous range.
  const cumIn = new Float64Array(n);
  let totalIn = 0;
  for (let pos = 0; pos < n; pos++) {
    totalIn += wIn[order[pos]!]!;
    cumIn[pos] = totalIn;
  }
  const communityCum = new Float64Array(communities);
  for (let c = 0; c < communities; c++) communityCum[c] = start[c + 1]! > 0 ? cumIn[start[c + 1]! - 1]! : 0;

  const total = totalIn + totalOut;
  const target = Math.round(total / 2);
  const pIntra = total > 0 ? totalIn / total : 0;
  let keys = new Float64Array(Math.ceil(target * 1.1) + 16);
  let len = 0;
  let draws = 0;

  const draw = (count: number): void => {
    if (len + count > keys.length) {
      const grown = new Float64Array(len + count + 16);
      grown.set(keys.subarray(0, len));
      keys = grown;
    }
    for (let k = 0; k < count; k++) {
      let a: number;
      let b: number;
      if (rng.uniform() < pIntra) {
        const c = upperBound(communityCum, 0, communities, rng.uniform() * totalIn);
        const lo = start[c]!;
        const hi = start[c + 1]!;
        const base = lo > 0 ? cumIn[lo - 1]! : 0;
        const span = cumIn[hi - 1]! - base;
        a = order[upperBound(cumIn, lo, hi, base + rng.uniform() * span)]!;
        b = order[upperBound(cumIn, lo, hi, base + rng.uniform() * span)]!;
      } else {
        a = upperBound(cumOut, 0, n, rng.uniform() * totalOut);
        b = upperBound(cumOut, 0, n, rng.uniform() * totalOut);
      }
      if (a === b) continue;
      keys[len++] = a < b ? a * n + b : b * n + a;
    }
    draws += count;
  };

  draw(target);
  len = sortUnique(keys, len);
  // Top up what self-pairs and repeats cost, at the yield seen so far (repeats get likelier
  // as the graph fills, so a few rounds close the gap from below).
  for (let round = 0; round < 4 && len < target * 0.999 && len > 0; round++) {
    const yieldRate = len / draws;
    draw(Math.ceil((target - len) / yieldRate));
    len = sortUnique(keys, len);
  }

  const a = new Int32Array(len);
  const b = new Int32Array(len);
  for (let e = 0; e < len; e++) {
    const key = keys[e]!;
    const lo = Math.floor(key / n);
    a[e] = lo;
    b[e] = key - lo * n;
  }
  return { a, b };
}

/** Degree of every person in an undirected edge list. */
export function degreesOf(n: number, a: Int32Array, b: Int32Array): Int32Array {
  const deg = new Int32Array(n);
  for (let e = 0; e < a.length; e++) {
    deg[a[e]!]!++;
    deg[b[e]!]!++;
  }
  return deg;
}

/** Interactions (log-normal, weaker across communities and around hubs) and friendship age. */
export function drawTies(
  n: number,
  pairs: FriendPairs,
  community: Int32Array,
  accountAgeDays: Int32Array,
  p: FriendshipParams,
  rng: Prng,
): TieArrays {
  const { a, b } = pairs;
  const m = a.length;
  const deg = degreesOf(n, a, b);
  const interactions = new Int32Array(m);
  const sinceDays = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const x = a[e]!;
    const y = b[e]!;
    const median = community[x] === community[y] ? p.intraInteractionsMedian : p.interInteractionsMedian;
    const hub = Math.max(p.hubDegree, deg[x]!, deg[y]!);
    const h = Math.pow(p.hubDegree / hub, p.hubDamping);
    interactions[e] = Math.floor(median * h * Math.exp(p.interactionsSigma * rng.normal()));
    const life = Math.min(accountAgeDays[x]!, accountAgeDays[y]!);
    sinceDays[e] = Math.floor(life * Math.pow(rng.uniform(), p.sinceSkew));
  }
  return { sinceDays, interactions };
}
