/**
 * Friendship edges of the synthetic population (banner of population.ts, step 3): a
 * degree-corrected planted partition sampled Chung–Lu style — each draw picks both ends in
 * proportion to their expected degree, inside one community or across all — followed by
 * per-tie interactions and age.
 *
 * Endpoints are drawn from Walker alias tables (O(1) a draw). Pairs are deduplicated as
 * sorted Float64Array keys a·N + b (exact below 2^53), which also leaves the edges sorted by
 * (a, b); top-up rounds sort only their own keys and merge.
 */
import type { CommunityPlan } from './communities.js';
import type { SynthParams } from './population.js';
import type { Prng } from '../prng.js';

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

/**
 * Walker's alias tables (Vose's construction, "A linear algorithm for generating random
 * numbers with a given distribution", IEEE TSE 17(9), 1991) for independent ranges
 * [lo, hi) of one array: O(1) draws in proportion to weight, where a binary search over a
 * million cumulative weights would miss the cache on every level.
 */
class AliasTables {
  readonly prob: Float64Array;
  readonly alias: Int32Array;
  private readonly small: Int32Array;
  private readonly large: Int32Array;
  private readonly scaled: Float64Array;

  constructor(size: number) {
    this.prob = new Float64Array(size);
    this.alias = new Int32Array(size);
    this.small = new Int32Array(size);
    this.large = new Int32Array(size);
    this.scaled = new Float64Array(size);
  }

  /** Builds the table of range [lo, hi) with weight(k) for slot k; returns the range's total. */
  build(lo: number, hi: number, weight: (k: number) => number): number {
    const { prob, alias, small, large, scaled } = this;
    let total = 0;
    for (let k = lo; k < hi; k++) total += weight(k);
    if (total <= 0) {
      for (let k = lo; k < hi; k++) {
        prob[k] = 1;
        alias[k] = k;
      }
      return 0;
    }
    const len = hi - lo;
    let ns = 0;
    let nl = 0;
    for (let k = lo; k < hi; k++) {
      const x = (weight(k) * len) / total;
      scaled[k] = x;
      if (x < 1) small[ns++] = k;
      else large[nl++] = k;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns]!;
      const l = large[--nl]!;
      prob[s] = scaled[s]!;
      alias[s] = l;
      const rest = scaled[l]! + scaled[s]! - 1;
      scaled[l] = rest;
      if (rest < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    while (nl > 0) {
      const k = large[--nl]!;
      prob[k] = 1;
      alias[k] = k;
    }
    while (ns > 0) {
      const k = small[--ns]!; // only rounding leaves these: treat as full
      prob[k] = 1;
      alias[k] = k;
    }
    return total;
  }

  /** A slot of range [lo, hi), drawn in proportion to its weight. */
  draw(lo: number, hi: number, rng: Prng): number {
    const k = lo + Math.floor(rng.uniform() * (hi - lo));
    return rng.uniform() < this.prob[k]! ? k : this.alias[k]!;
  }
}

/** Sorts keys and drops repeats in place; returns the new length. */
function sortUnique(keys: Float64Array): number {
  keys.sort();
  let out = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (out === 0 || keys[out - 1] !== key) keys[out++] = key;
  }
  return out;
}

/** Merges two sorted repeat-free key lists into one. */
function mergeUnique(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      out[n++] = x;
      i++;
    } else if (y < x) {
      out[n++] = y;
      j++;
    } else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}

export function sampleFriendPairs(n: number, w: Float64Array, plan: CommunityPlan, p: FriendshipParams, rng: Prng): FriendPairs {
  const { community, order, start, count: communities } = plan;
  const wIn = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const size = start[community[i]! + 1]! - start[community[i]!]!;
    wIn[i] = Math.min(p.intraShare * w[i]!, p.intraCapShare * (size - 1));
  }
  // Intra tables over community order (each community one contiguous range of positions),
  // the inter table over seqs.
  const intra = new AliasTables(n);
  const communityCum = new Float64Array(communities);
  let totalIn = 0;
  for (let c = 0; c < communities; c++) {
    totalIn += intra.build(start[c]!, start[c + 1]!, (pos) => wIn[order[pos]!]!);
    communityCum[c] = totalIn;
  }
  const inter = new AliasTables(n);
  const totalOut = inter.build(0, n, (i) => w[i]! - wIn[i]!);

  const total = totalIn + totalOut;
  const target = Math.round(total / 2);
  const pIntra = total > 0 ? totalIn / total : 0;

  const draw = (count: number): Float64Array => {
    const keys = new Float64Array(count);
    let len = 0;
    for (let k = 0; k < count; k++) {
      let a: number;
      let b: number;
      if (rng.uniform() < pIntra) {
        const c = upperBound(communityCum, rng.uniform() * totalIn);
        const lo = start[c]!;
        const hi = start[c + 1]!;
        a = order[intra.draw(lo, hi, rng)]!;
        b = order[intra.draw(lo, hi, rng)]!;
      } else {
        a = inter.draw(0, n, rng);
        b = inter.draw(0, n, rng);
      }
      if (a !== b) keys[len++] = a < b ? a * n + b : b * n + a;
    }
    const drawn = keys.subarray(0, len);
    return drawn.subarray(0, sortUnique(drawn));
  };

  let draws = target;
  let keys = draw(target);
  // Top up what self-pairs and repeats cost, at the yield seen so far (repeats get likelier
  // as the graph fills, so a few rounds close the gap from below).
  for (let round = 0; round < 4 && keys.length < target * 0.999 && keys.length > 0; round++) {
    const extra = Math.ceil((target - keys.length) / (keys.length / draws));
    draws += extra;
    keys = mergeUnique(keys, draw(extra));
  }

  const len = keys.length;
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

/** First index whose cumulative weight exceeds x (the last one against rounding). */
function upperBound(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return Math.min(lo, cum.length - 1);
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
  // h = (hubDegree / max(hubDegree, deg_a, deg_b))^damping = the smaller of the two persons'
  // factors, so the power is taken once per person rather than once per edge.
  const hubFactor = new Float64Array(n);
  for (let i = 0; i < n; i++) hubFactor[i] = Math.pow(p.hubDegree / Math.max(p.hubDegree, deg[i]!), p.hubDamping);
  const interactions = new Int32Array(m);
  const sinceDays = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const x = a[e]!;
    const y = b[e]!;
    const median = community[x] === community[y] ? p.intraInteractionsMedian : p.interInteractionsMedian;
    const h = Math.min(hubFactor[x]!, hubFactor[y]!);
    interactions[e] = Math.floor(median * h * Math.exp(p.interactionsSigma * rng.normal()));
    const life = Math.min(accountAgeDays[x]!, accountAgeDays[y]!);
    sinceDays[e] = Math.floor(life * Math.exp(p.sinceSkew * Math.log(rng.uniformOpen()))); // life·u^skew
  }
  return { sinceDays, interactions };
}
