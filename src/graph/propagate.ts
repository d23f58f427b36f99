/**
 * Network-dimension propagation: a personalised-PageRank-style smoothing of own scores over
 * the contact graph, shrunk towards the population prior for thin networks.
 *
 * Math (docs/design.md, "The network dimension"; this file fixes the details). With the CSR
 * weights w_ij (trust-damped) and nominal contact weights D_i (csr.ts), cap c = perContactCap,
 * smoothing α and shrinkage κ:
 *
 *     P_ij = min(w_ij / D_i, c)                    transition, per-contact capped
 *     r_i  = Σ_j P_ij ≤ 1                          row sum; 1 − r_i is the trust deficit plus
 *                                                  the capped excess, and it goes to the prior
 *     μ    = mean(b)                               prior (or opts.mu: the recompute passes the
 *                                                  verified persons' mean, snapshot-image.ts)
 *     (P̃x)_i = Σ_j P_ij x_j + (1 − r_i)·μ          completed contact average
 *
 *     x_i = (1 − α)·b_i + α·(P̃x)_i   if D_i > 0;   x_i = b_i  if D_i = 0 (no contacts)
 *     k_i = (Σ_j w_ij)² / Σ_j w_ij²                effective number of contacts (Kish)
 *     n_i = s_i·(P̃x)_i + (1 − s_i)·μ,   s_i = k_i / (k_i + κ)   (s_i = 0 when D_i = 0)
 *
 * A person with no contacts gets exactly μ. The dimension a score reads is n_i, or, when the
 * parameters set a band, ½ + clamp((n_i − μ)/2h, ±½) (network-band.ts; `networkOf`). Why k_i: the contact average is a weighted mean,
 * whose variance is σ²/k_i (k_i counts equal contacts once each, and a contact who holds most
 * of the weight about once), so its credibility in Bühlmann's sense is k_i/(k_i + κ) with κ the
 * ratio of the within-neighbourhood variance to the between-neighbourhood variance of x —
 * a number of contacts, whatever units the tie strengths are in. The earlier D_i/(D_i + κ) was
 * in units of tie strength, so a person with one or two weak real-world ties (strengths near
 * 0.2) kept a fifth of their contacts' signal. One contact holds at most `largestContactShare`
 * of n_i: min(c, 1/(1 + κ)) for κ ≤ 1, min(c, 1/(2√κ)) for κ ≥ 1.
 * In matrix form x solves (I − αP)·x = f with
 *
 *     f_i = (1 − α)·b_i + α·(1 − r_i)·μ   (D_i > 0),     f_i = b_i   (D_i = 0),
 *
 * solved by Gauss–Seidel sweeps x_i ← f_i + α·Σ_j P_ij·x_j (in place, in node order) from
 * x = b (or a given start, such as the previous run's x) until the L1 change per node of a sweep, Σ_i |Δx_i| / n, is below `tolerance`.
 * I − αP is strictly diagonally dominant by rows (Σ_j αP_ij ≤ α < 1) and αP ≥ 0, so the sweeps
 * converge, and by Stein–Rosenberg no slower than Jacobi (error × α per sweep at worst); on
 * the synthetic population they take 11 sweeps where Jacobi takes 18.
 *
 * Why D_i is the nominal (trust-free) weight rather than Σ_j w_ij: the unbelieved part
 * (1 − trust_j)·typeWeight·strength_ij of a low-trust contact's weight goes to the prior
 * instead of being renormalised away. Any number of unverified contacts then hold at most
 * `unverifiedTrust` of the contact average between them (normalised by Σ_j w_ij, a thousand
 * unverified fakes would take ~90% of it). The price: many low-trust contacts dilute the real
 * ones towards μ — the value a person without contacts gets anyway.
 *
 * Exact decomposition used by explain.ts: n_i = Σ_j s_i·P_ij·x_j + prior_i with
 * prior_i = (s_i·(1 − r_i) + (1 − s_i))·μ.
 *
 * References: L. Page, S. Brin, R. Motwani, T. Winograd, "The PageRank citation ranking:
 * bringing order to the web" (1999); G. Jeh, J. Widom, "Scaling personalized web search",
 * WWW 2003 (personalisation vector b); shrinkage as in empirical Bayes credibility
 * (H. Bühlmann, "Experience rating and credibility", ASTIN Bulletin 4, 1967); the effective
 * number of a weighted sample as in L. Kish, "Survey Sampling" (Wiley, 1965); Gauss–Seidel
 * and Stein–Rosenberg: R. S. Varga, "Matrix Iterative Analysis" (1962), ch. 3.
 */
import type { Csr } from './csr.js';
import { bandCentre, checkBandHalfWidth, networkDimension } from './network-band.js';
import type { NetworkParams } from './network-params.js';

const DEFAULTS = {
  /** Stop when Σ_i |Δx_i| / n falls below this. */
  tolerance: 1e-9,
  /** Give up (converged = false) after this many iterations. */
  maxIterations: 1000,
};

/** The per-entry transition and per-node factors derived from a CSR and the parameters. */
export interface Transition {
  /** P_ij = min(w_ij / D_i, cap), aligned with `csr.targets`. */
  p: Float64Array;
  /** Nominal contact weight D_i. */
  degree: Float64Array;
  /** r_i = Σ_j P_ij (≤ 1). */
  rowSum: Float64Array;
  /** s_i = k_i / (k_i + κ), k_i the effective number of contacts; 0 for persons without contacts. */
  shrink: Float64Array;
  /** α, κ and the cap the transition was built with. */
  alpha: number;
  shrinkage: number;
  perContactCap: number;
}

export interface PropagateOptions {
  /** Stop when the L1 change per node is below this (default 1e-9). */
  tolerance?: number;
  /** Iteration cap (default 1000); `converged` tells whether the tolerance was met. */
  maxIterations?: number;
  /** Prior μ; default mean(b). Contagion what-ifs hold it fixed at the run's value. */
  mu?: number;
  /** A transition already built for this CSR and parameters (skips `buildTransition`). */
  transition?: Transition;
  /**
   * Where the sweeps start (default b): e.g. the x of an earlier run on a slightly changed graph,
   * which needs fewer sweeps to reach the same tolerance. Length n; not changed.
   */
  initial?: Float64Array;
}

/** Everything explain, contagion and influence need from one propagation run. */
export interface NetworkResult {
  /** The network dimension per person, ∈ [0, 1]: n_i, or its band (network-band.ts) when the parameters have one. */
  network: Float64Array;
  /** The band's half-width h, when `network` is banded. */
  bandHalfWidth: number | undefined;
  /** The dimension of a person without contacts: μ, or ½ in a band. */
  prior: number;
  /** Smoothed score x_i. */
  x: Float64Array;
  /** (P·x)_i, the contact sums n is made of: kept with x, the next refinement reads only the rows that changed. */
  px: Float64Array;
  /** The own scores b the run started from (the caller's array, not a copy). */
  b: Float64Array;
  /** Prior μ used. */
  mu: number;
  /** Gauss–Seidel sweeps done (an incremental refinement counts its one residual pass). */
  iterations: number;
  /** Pushes done (refine-network.ts; 0 for sweeps). */
  pushes: number;
  /** L1 change per node of the last sweep (a refinement: Σ_i |ρ_i| / n left). */
  residual: number;
  converged: boolean;
  transition: Transition;
}

function checkParams(params: NetworkParams): void {
  const { alpha, shrinkage, perContactCap } = params;
  if (!(alpha >= 0 && alpha < 1)) throw new Error(`propagate: alpha must be in [0, 1), got ${alpha}`);
  if (!(shrinkage >= 0 && Number.isFinite(shrinkage))) {
    throw new Error(`propagate: shrinkage must be a finite number ≥ 0, got ${shrinkage}`);
  }
  if (!(perContactCap > 0 && perContactCap <= 1)) {
    throw new Error(`propagate: perContactCap must be in (0, 1], got ${perContactCap}`);
  }
  checkBandHalfWidth(params.bandHalfWidth, 'propagate');
}

/**
 * Builds P, D, r and s (see the banner) for a CSR.
 *
 * @example
 * const t = buildTransition(csr, DEFAULT_NETWORK_PARAMS);
 * t.rowSum[i]; // ≤ 1; 1 − rowSum[i] of i's contact average goes to the prior
 */
export function buildTransition(csr: Csr, params: NetworkParams): Transition {
  checkParams(params);
  const n = csr.nodeCount;
  const offsets = csr.offsets;
  const weights = csr.weights;
  const cap = params.perContactCap;
  const kappa = params.shrinkage;
  const p = new Float64Array(weights.length);
  const degree = Float64Array.from(csr.degree);
  const rowSum = new Float64Array(n);
  const shrink = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    const d = degree[i]!;
    if (!(d > 0)) continue; // no contacts: P row, r and s stay 0
    const inv = 1 / d;
    let r = 0;
    let sum = 0;
    let sumOfSquares = 0;
    for (let e = start; e < end; e++) {
      const w = weights[e]!;
      const share = Math.min(w * inv, cap);
      p[e] = share;
      r += share;
      sum += w;
      sumOfSquares += w * w;
    }
    // Rounding can push a full row a hair over 1; the prior share must stay ≥ 0.
    if (r > 1) {
      const scale = 1 / r;
      for (let e = start; e < end; e++) p[e]! *= scale;
      r = 0;
      for (let e = start; e < end; e++) r += p[e]!;
    }
    rowSum[i] = Math.min(r, 1);
    const contacts = sumOfSquares > 0 ? (sum * sum) / sumOfSquares : 0;
    shrink[i] = contacts > 0 ? contacts / (contacts + kappa) : 0;
  }
  return { p, degree, rowSum, shrink, alpha: params.alpha, shrinkage: kappa, perContactCap: cap };
}

/**
 * The most of a person's network value n_i that one contact can hold, s_i·P_ij, whatever the
 * graph: P_ij ≤ min(cap, p) with p = w_ij/Σ_j w_ij, and k_i ≤ 1/p², so
 * s_i·P_ij ≤ min(cap, p/(1 + κp²)), whose largest value over p ∈ (0, 1] is 1/(1 + κ) for κ ≤ 1
 * and 1/(2√κ) for κ ≥ 1.
 *
 * @example largestContactShare({ shrinkage: 1, perContactCap: 1 }) // 0.5
 */
export function largestContactShare(params: Pick<NetworkParams, 'shrinkage' | 'perContactCap'>): number {
  const kappa = params.shrinkage;
  return Math.min(params.perContactCap, kappa <= 1 ? 1 / (1 + kappa) : 1 / (2 * Math.sqrt(kappa)));
}

/** mean(b). */
export function meanOf(b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < b.length; i++) sum += b[i]!;
  return b.length > 0 ? sum / b.length : 0;
}

// One Gauss–Seidel sweep of x = f + α·P·x, in place and in node order; returns Σ|Δx_i|.
// Parameters are the hot loop's const locals (see CONVENTIONS, "sharp edges").
function gaussSeidelSweep(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  p: Float64Array,
  f: Float64Array,
  alpha: number,
  x: Float64Array,
): number {
  let change = 0;
  let e = offsets[0]!;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1]!;
    let acc = 0;
    for (; e < end; e++) acc += p[e]! * x[targets[e]!]!;
    const v = f[i]! + alpha * acc;
    change += Math.abs(v - x[i]!);
    x[i] = v;
  }
  return change;
}

/** out_i = Σ_j P_ij·x_j. */
export function multiplyTransition(csr: Csr, p: Float64Array, x: Float64Array, out: Float64Array): Float64Array {
  const n = csr.nodeCount;
  const offsets = csr.offsets;
  const targets = csr.targets;
  let e = offsets[0]!;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1]!;
    let acc = 0;
    for (; e < end; e++) acc += p[e]! * x[targets[e]!]!;
    out[i] = acc;
  }
  return out;
}

/**
 * Computes the network value of every person (see the banner for the exact definition).
 *
 * @example
 * const result = propagateNetwork(csr, ownScores, DEFAULT_NETWORK_PARAMS);
 * result.network[i]; // ∈ [0, 1]; exactly result.mu for a person without contacts
 */
export function propagateNetwork(
  csr: Csr,
  b: Float64Array,
  params: NetworkParams,
  opts: PropagateOptions = {},
): NetworkResult {
  const n = csr.nodeCount;
  checkOwnScores(b, n);
  const tolerance = opts.tolerance ?? DEFAULTS.tolerance;
  const maxIterations = opts.maxIterations ?? DEFAULTS.maxIterations;
  const transition = transitionFor(csr, params, opts.transition);
  const mu = opts.mu ?? meanOf(b);
  const f = rightHandSide(b, transition, mu);
  const x = startingPoint(opts.initial, b);
  let iterations = 0;
  let residual = Infinity;
  while (iterations < maxIterations) {
    residual = gaussSeidelSweep(n, csr.offsets, csr.targets, transition.p, f, transition.alpha, x) / Math.max(1, n);
    iterations++;
    if (residual < tolerance) break;
  }
  const px = multiplyTransition(csr, transition.p, x, new Float64Array(n));
  return { ...networkOf(px, transition, mu, params), x, px, b, mu, iterations, pushes: 0, residual, converged: residual < tolerance, transition };
}

/** Refuses own scores of the wrong length or not finite. */
export function checkOwnScores(b: Float64Array, n: number): void {
  if (b.length !== n) throw new Error(`propagate: b has ${b.length} entries for ${n} persons`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(b[i]!)) throw new Error(`propagate: b[${i}] is ${b[i]}`);
  }
}

/** The given transition, checked against the CSR and the parameters, or a new one. */
export function transitionFor(csr: Csr, params: NetworkParams, given?: Transition): Transition {
  if (!given) return buildTransition(csr, params);
  if (given.p.length !== csr.targets.length) throw new Error('propagate: the transition was built for another CSR');
  if (given.alpha !== params.alpha || given.shrinkage !== params.shrinkage || given.perContactCap !== params.perContactCap) {
    throw new Error('propagate: the transition was built with other parameters');
  }
  return given;
}

/** f of the banner: f_i = (1 − α)·b_i + α·(1 − r_i)·μ for persons with contacts, b_i for the rest. */
export function rightHandSide(b: Float64Array, transition: Transition, mu: number): Float64Array {
  const { alpha, degree, rowSum } = transition;
  const f = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) {
    f[i] = degree[i]! > 0 ? (1 - alpha) * b[i]! + alpha * (1 - rowSum[i]!) * mu : b[i]!;
  }
  return f;
}

/** A copy of `initial` (checked: length of b, finite), or of b. */
export function startingPoint(initial: Float64Array | undefined, b: Float64Array): Float64Array {
  const n = b.length;
  if (initial && initial.length !== n) throw new Error(`propagate: initial has ${initial.length} entries for ${n} persons`);
  const x = Float64Array.from(initial ?? b);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!)) throw new Error(`propagate: initial[${i}] is ${x[i]}`);
  }
  return x;
}

/** n_i = s_i·(P̃x)_i + (1 − s_i)·μ from (Px)_i: the network value before any band. */
export function unbandedValue(px: number, i: number, transition: Transition, mu: number): number {
  const s = transition.shrink[i]!;
  return s * (px + (1 - transition.rowSum[i]!) * mu) + (1 - s) * mu;
}

/** The network dimension of every person from (Px)_i, with the band of `params` if it has one. */
export function networkOf(
  px: Float64Array,
  transition: Transition,
  mu: number,
  params: Pick<NetworkParams, 'bandHalfWidth'>,
): Pick<NetworkResult, 'network' | 'bandHalfWidth' | 'prior'> {
  const halfWidth = params.bandHalfWidth;
  const network = new Float64Array(px.length);
  for (let i = 0; i < px.length; i++) network[i] = networkDimension(unbandedValue(px[i]!, i, transition, mu), mu, halfWidth);
  return { network, bandHalfWidth: halfWidth, prior: bandCentre(mu, halfWidth) };
}
