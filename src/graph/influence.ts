/**
 * Influence centrality: for every person k, the total score points the whole population would
 * lose if k defaulted (own score b_k → 0) — systemic importance in score points.
 *
 * Math (propagate.ts fixes P, r, s, μ; contagion.ts the shock). A shock Δb_k at k gives
 * Δf = g_k·Δb_k·e_k with g_k = 1 − α (g_k = 1 without contacts), and summed over all persons
 *
 *     Σ_i Δn_i = Σ_i s_i·(P (I − αP)^{-1} Δf)_i = y_k · g_k·Δb_k,
 *     y = P^T v,    v = s + α·P^T·v      (one reverse iteration, all k at once)
 *
 * since Σ_i s_i (P M e_k)_i = (M^T P^T s)_k with M = (I − αP)^{-1}, and P^T commutes with
 * (I − αP^T)^{-1}. v is the PageRank vector personalised by s_i = k_i/(k_i + κ); with κ = 0,
 * no cap, full trust and no dangling persons s = 1 and v/Σv equals PageRank with damping α
 * (the `reach` output; its test oracle is graphology-metrics' pagerank). With Δb_k = −b_k:
 *
 *     points_k        = scale·b_k·(own + network·g_k·y_k)      (own path + network path)
 *     networkPoints_k = scale·network·b_k·g_k·y_k
 *
 * as positive numbers of points lost (k's own network value is included: cycles through k's
 * contacts move it too). μ stays fixed, as in contagion.ts. In a network band (network-band.ts)
 * `network` is taken at the band's slope 1/(2h): exact for the persons the shock leaves inside
 * the band, and no person's share can be larger, so a band's figure is an upper bound of the
 * points a what-if reports.
 *
 * Solver: Gauss–Seidel on (I − αP^T)·v = s in residual form, which needs only the rows of P
 * (no transpose): keep v and the residual u = s − (I − αP^T)·v, start at v = 0, u = s, and
 * sweep i = 0..n−1 doing v_i += u_i, u_j += α·P_ij·u_i for each contact j, u_i = 0. Adding
 * u_i to v_i is exactly the Gauss–Seidel update of v_i, so a sweep is a Gauss–Seidel sweep;
 * its L1 change is Σ|u_i| pushed. Stop when that change per node is below `tolerance`; then
 * y = P^T·v in one more pass. Convergence: the spectral radius of αP^T equals that of αP,
 * ≤ α·max_i r_i < 1, and αP^T ≥ 0, so Jacobi (the power iteration) converges and, by
 * Stein–Rosenberg, Gauss–Seidel no slower.
 *
 * References: L. Page, S. Brin, R. Motwani, T. Winograd, "The PageRank citation ranking" (1999);
 * the "total effect of a shock" reading follows D. Acemoglu, V. Carvalho, A. Ozdaglar,
 * A. Tahbaz-Salehi, "The network origins of aggregate fluctuations", Econometrica 80 (2012)
 * (influence vector = column sums of the Leontief inverse); Stein–Rosenberg: R. S. Varga,
 * "Matrix Iterative Analysis" (1962), ch. 3.
 */
import type { Csr } from './csr.js';
import type { NetworkResult } from './propagate.js';
import { checkScoreWeights, DEFAULT_SCORE_WEIGHTS, pointsPerNetworkUnit, type ScoreWeights } from './score-weights.js';

const DEFAULTS = {
  /** Stop when Σ_i |Δv_i| / n falls below this. */
  tolerance: 1e-9,
  maxIterations: 1000,
};

export interface InfluenceOptions {
  /** Stop when the L1 change per node is below this (default 1e-9). */
  tolerance?: number;
  /** Sweep cap (default 1000); `converged` says whether the tolerance was met. */
  maxIterations?: number;
}

export interface InfluenceResult {
  /** Points lost across the population if the person defaulted (own + network path). */
  points: Float64Array;
  /** The part of `points` that travels through network dimensions. */
  networkPoints: Float64Array;
  /** v = s + α·P^T·v: personalised PageRank (unnormalised); reach of a unit shock on x. */
  reach: Float64Array;
  /**
   * y = P^T·v: Σ_i Δn_i when x_k moves by one unit and the move propagates (Δx = (I − αP)^{-1}·e_k).
   * A contagion push hands over the residual it leaves, whose total effect is Σ_j ρ_j·y_j
   * (contagion.ts, `residualWeights`).
   */
  totalNetworkEffect: Float64Array;
  /** Gauss–Seidel sweeps done. */
  iterations: number;
  residual: number;
  converged: boolean;
}

// One Gauss–Seidel sweep of (I − αP^T)·v = s in residual form over the rows of P (see the
// banner); returns Σ|Δv_i|. Parameters are the hot loop's const locals.
function residualSweep(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  p: Float64Array,
  alpha: number,
  v: Float64Array,
  r: Float64Array,
): number {
  let change = 0;
  for (let i = 0; i < n; i++) {
    const ri = r[i]!;
    if (ri === 0) continue;
    v[i]! += ri;
    r[i] = 0;
    change += Math.abs(ri);
    const a = alpha * ri;
    const end = offsets[i + 1]!;
    for (let e = offsets[i]!; e < end; e++) r[targets[e]!]! += a * p[e]!;
  }
  return change;
}

/**
 * Computes influence centrality for every person.
 *
 * @example
 * const infl = influenceCentrality(csr, result, DEFAULT_SCORE_WEIGHTS);
 * topK(infl.points, 10); // the ten most systemically important persons
 */
export function influenceCentrality(
  csr: Csr,
  result: NetworkResult,
  weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
  opts: InfluenceOptions = {},
): InfluenceResult {
  checkScoreWeights(weights, 'influence');
  const n = csr.nodeCount;
  if (result.transition.p.length !== csr.targets.length || result.network.length !== n) {
    throw new Error('influence: the result was computed for another CSR');
  }
  const tolerance = opts.tolerance ?? DEFAULTS.tolerance;
  const maxIterations = opts.maxIterations ?? DEFAULTS.maxIterations;
  const { p, shrink, degree, alpha } = result.transition;
  const offsets = csr.offsets;
  const targets = csr.targets;

  const v = new Float64Array(n);
  const r = Float64Array.from(shrink);
  let iterations = 0;
  let residual = Infinity;
  while (iterations < maxIterations) {
    residual = residualSweep(n, offsets, targets, p, alpha, v, r) / Math.max(1, n);
    iterations++;
    if (residual < tolerance) break;
  }
  // y = P^T v (scatter along rows), exact for the v returned.
  const y = r.fill(0);
  let e = offsets[0]!;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1]!;
    const vi = v[i]!;
    for (; e < end; e++) y[targets[e]!]! += p[e]! * vi;
  }

  const points = new Float64Array(n);
  const networkPoints = new Float64Array(n);
  const b = result.b;
  const perUnit = pointsPerNetworkUnit(weights, result.bandHalfWidth);
  for (let k = 0; k < n; k++) {
    const g = degree[k]! > 0 ? 1 - alpha : 1;
    const net = perUnit * b[k]! * g * y[k]!;
    networkPoints[k] = net;
    points[k] = weights.scale * weights.own * b[k]! + net;
  }
  return { points, networkPoints, reach: v, totalNetworkEffect: y, iterations, residual, converged: residual < tolerance };
}

/**
 * Indices of the k largest values, largest first (ties: smaller index first). O(n log k).
 *
 * @example topK(Float64Array.of(3, 9, 1, 9), 2) // Int32Array [1, 3]
 */
export function topK(values: ArrayLike<number>, k: number): Int32Array {
  const size = Math.max(0, Math.min(Math.floor(k), values.length));
  // Min-heap of the best `size` so far; root = the worst kept (lowest value, then highest index).
  const heap = new Int32Array(size);
  let count = 0;
  const worse = (a: number, b: number): boolean => {
    const va = values[a]!;
    const vb = values[b]!;
    return va < vb || (va === vb && a > b);
  };
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < count && worse(heap[l]!, heap[m]!)) m = l;
      if (r < count && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      const t = heap[i]!;
      heap[i] = heap[m]!;
      heap[m] = t;
      i = m;
    }
  };
  for (let idx = 0; idx < values.length && size > 0; idx++) {
    if (Number.isNaN(values[idx]!)) continue;
    if (count < size) {
      let i = count++;
      heap[i] = idx;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        const t = heap[i]!;
        heap[i] = heap[parent]!;
        heap[parent] = t;
        i = parent;
      }
    } else if (worse(heap[0]!, idx)) {
      heap[0] = idx;
      siftDown(0);
    }
  }
  const out = Array.from(heap.subarray(0, count));
  out.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  return Int32Array.from(out);
}
