/**
 * Contagion what-if: whose scores move, and by how much, when some persons' own scores change.
 *
 * Math (propagate.ts fixes P, r, s, μ). A shock Δb on a set S, with the prior μ held at the
 * run's value (a what-if on a few persons does not re-estimate the population mean), changes
 *
 *     Δf_j = (1 − α)·Δb_j  (D_j > 0),   Δf_j = Δb_j  (D_j = 0)
 *     Δx   = (I − αP)^{-1} Δf            exactly the difference of two full propagations
 *     Δn_i = s_i·(P Δx)_i
 *     Δd_i = band(n_i + Δn_i) − band(n_i)               the dimension's change (network-band.ts;
 *                                                      Δn_i itself without a band)
 *     Δscore_i = scale·(own·Δb_i + network·Δd_i)      (score-weights.ts)
 *
 * The push (residual-push.ts) solves for Δx from q = 0, ρ = Δf along reversed edges and
 * accumulates (P q)_i on the way, so Δn_i ≈ s_i·(P q)_i needs no second pass. What it leaves
 * moves no x_j by more than ‖ρ‖_∞ / (1 − α), hence
 *
 *     |Δn_i − s_i·(P q)_i| ≤ ‖ρ‖_∞ / (1 − α),
 *
 * and, since the band's slope is at most σ = 1/(2h) (1 without a band), ε = tolerance·(1 − α) /
 * (scale·network·σ) bounds every reported Δscore's error by `tolerance` points. For a one-signed
 * shock each push adds more than ε to Σ|q| ≤ ‖Δx‖_1, so the work is bounded by the reach
 * ‖Δx‖_1/ε, independent of the graph size. All buffers live in a `ContagionWorkspace` made once
 * per graph; a call resets only the entries it touched.
 *
 * Hops: breadth-first distance from the nearest shocked person along reversed edges through
 * persons the push went through (a path through a person whose residual never exceeded ε
 * carries less than the tolerance and is not followed).
 *
 * Reference: R. Andersen, F. Chung, K. Lang, "Local graph partitioning using PageRank vectors",
 * FOCS 2006; P. Berkhin, "Bookmark-coloring algorithm for personalized PageRank
 * computing", Internet Mathematics 3 (2006); the linear-system view follows
 * D. F. Gleich, "PageRank beyond the web", SIAM Review 57 (2015).
 */
import type { Csr } from './csr.js';
import { networkDimension } from './network-band.js';
import { PUSHED, PushWorkspace, pushResiduals } from './residual-push.js';
import { unbandedValue, type NetworkResult } from './propagate.js';
import { checkScoreWeights, DEFAULT_SCORE_WEIGHTS, pointsPerNetworkUnit, type ScoreWeights } from './score-weights.js';

const DEFAULTS = {
  /** Report persons whose score moves by at least this many points. */
  threshold: 0.1,
  /** Largest error, in points, of any reported (or unreported) score change. */
  tolerance: 0.01,
  /** Stop after this many pushes (the result then says `complete: false`). */
  maxPushes: Infinity,
};

/**
 * Reusable state of contagion pushes over one CSR and one propagation result: the push's buffers
 * (residual-push.ts: P^T rows computed on first walk, ≈ 34 bytes per node) and each person's hops.
 *
 * @example
 * const ws = new ContagionWorkspace(csr, result);
 * for (const who of suspects) pushContagion(csr, result, [{ node: who, deltaB: -result.b[who]! }], { workspace: ws });
 */
export class ContagionWorkspace extends PushWorkspace {
  readonly result: NetworkResult;
  readonly hops: Int32Array;

  constructor(csr: Csr, result: NetworkResult) {
    if (result.transition.p.length !== csr.targets.length || result.network.length !== csr.nodeCount) {
      throw new Error('contagion: the result was computed for another CSR');
    }
    super(csr, result.transition);
    this.result = result;
    this.hops = new Int32Array(csr.nodeCount).fill(-1);
  }

  /** Clears the entries the last push touched (O(touched)). */
  override reset(): void {
    for (let k = 0; k < this.touchedCount; k++) this.hops[this.touched[k]!] = -1;
    super.reset();
  }
}

/** A change of one person's own score b (in [−1, 1] units of b). */
export interface Shock {
  node: number;
  deltaB: number;
}

export interface ContagionOptions {
  /** Reusable buffers for this CSR and result; without it each call allocates O(n + m). */
  workspace?: ContagionWorkspace;
  /** How b and n turn into points (default DEFAULT_SCORE_WEIGHTS). */
  weights?: ScoreWeights;
  /** Report persons whose score moves by at least this many points (default 0.1). */
  threshold?: number;
  /** Error bound, in points, of every score change (default 0.01). */
  tolerance?: number;
  /** Safety stop after this many pushes (default unlimited). */
  maxPushes?: number;
  /**
   * y = Pᵀ(I − αPᵀ)⁻¹s (influence.ts `totalNetworkEffect`): given, `totalPoints` also counts the
   * residual ρ the push left (Σ_j ρ_j·y_j, since Δx = q + (I − αP)⁻¹ρ), exactly without a band; in
   * a band at its slope, which no person's share can exceed.
   */
  residualWeights?: ArrayLike<number>;
}

/** One person whose score moves. */
export interface AffectedPerson {
  node: number;
  /** Δscore_i in points. */
  deltaPoints: number;
  /** Δd_i, the change of the network dimension (Δn_i without a band). */
  deltaNetwork: number;
  /** Δb_i (0 unless the person was shocked). */
  deltaOwn: number;
  /** Hops from the nearest shocked person (0 for a shocked person). */
  hops: number;
}

export interface ContagionResult {
  /** Persons with |deltaPoints| ≥ threshold, largest |deltaPoints| first (ties by node). */
  affected: AffectedPerson[];
  /** Pushes performed. */
  pushes: number;
  /** Reversed edges walked by the push. */
  edgeVisits: number;
  /** Persons that received any residual. */
  touched: number;
  /** Σ Δscore over the whole population, threshold or not; exact with `residualWeights`, else over the touched persons within tolerance. */
  totalPoints: number;
  /** Guaranteed bound, in points, on the error of every Δscore (≤ tolerance when complete). */
  errorBoundPoints: number;
  /** False when maxPushes stopped the push early. */
  complete: boolean;
}

/**
 * Pushes own-score shocks through the contact graph and returns whose score moves.
 *
 * @example
 * // What if person 42 defaults (own score to 0)?
 * const ws = new ContagionWorkspace(csr, result);
 * const { affected } = pushContagion(csr, result, [{ node: 42, deltaB: -result.b[42]! }], { workspace: ws });
 * affected[1]; // { node: 17, deltaPoints: -0.8, hops: 1, ... }
 */
export function pushContagion(
  csr: Csr,
  result: NetworkResult,
  shocks: readonly Shock[],
  opts: ContagionOptions = {},
): ContagionResult {
  const ws = opts.workspace ?? new ContagionWorkspace(csr, result);
  if (ws.csr !== csr || ws.result !== result) throw new Error('contagion: the workspace belongs to another CSR or result');
  const weights = opts.weights ?? DEFAULT_SCORE_WEIGHTS;
  checkScoreWeights(weights, 'contagion');
  const threshold = opts.threshold ?? DEFAULTS.threshold;
  const tolerance = opts.tolerance ?? DEFAULTS.tolerance;
  const maxPushes = opts.maxPushes ?? DEFAULTS.maxPushes;
  if (!(threshold >= 0)) throw new Error(`contagion: threshold must be ≥ 0, got ${threshold}`);
  if (!(tolerance > 0)) throw new Error(`contagion: tolerance must be > 0, got ${tolerance}`);
  const alpha = result.transition.alpha;
  const networkPoints = pointsPerNetworkUnit(weights, result.bandHalfWidth);
  // Residuals at or below eps are left: they move no score by more than `tolerance`.
  const eps = networkPoints > 0 ? (tolerance * (1 - alpha)) / networkPoints : Infinity;
  const own = shockTotals(shocks, csr.nodeCount);

  ws.reset();
  try {
    const { degree } = result.transition;
    for (const [node, deltaB] of own) {
      ws.touch(node);
      ws.residual[node]! += degree[node]! > 0 ? (1 - alpha) * deltaB : deltaB;
    }
    const { pushes, edgeVisits, complete } = pushResiduals(ws, own.keys(), eps, maxPushes);
    // Error bound from what is left.
    const maxResidual = ws.largestResidual();
    const errorBoundPoints = alpha < 1 ? (networkPoints * maxResidual) / (1 - alpha) : Infinity;
    markHops(ws, own);
    const { affected, totalPoints } = affectedPersons(ws, own, weights, threshold);
    const y = opts.residualWeights;
    const residualPoints = y ? leftoverPoints(ws, y, networkPoints) : 0;
    return { affected, pushes, edgeVisits, touched: ws.touchedCount, totalPoints: totalPoints + residualPoints, errorBoundPoints, complete };
  } finally {
    ws.reset();
  }
}

/** Δb per shocked person (repeated shocks of a person summed), refused outside 0..n−1 or not finite. */
function shockTotals(shocks: readonly Shock[], n: number): Map<number, number> {
  const own = new Map<number, number>();
  for (const { node, deltaB } of shocks) {
    if (!(Number.isInteger(node) && node >= 0 && node < n)) throw new Error(`contagion: shocked node ${node} is outside 0..${n - 1}`);
    if (!Number.isFinite(deltaB)) throw new Error(`contagion: deltaB of node ${node} is ${deltaB}`);
    own.set(node, (own.get(node) ?? 0) + deltaB);
  }
  return own;
}

/** Hops into `ws.hops`: BFS from the shocked persons over reversed edges, expanding pushed persons only. */
function markHops(ws: ContagionWorkspace, own: Map<number, number>): void {
  const { hops, queue, flags } = ws;
  const rOffsets = ws.reverseOffsets;
  const rSources = ws.reverseSources;
  let head = 0;
  let tail = 0;
  for (const node of own.keys()) {
    hops[node] = 0;
    queue[tail++] = node;
  }
  while (head < tail) {
    const j = queue[head++]!;
    if (!(flags[j]! & PUSHED)) continue;
    const next = hops[j]! + 1;
    const end = rOffsets[j + 1]!;
    for (let e = rOffsets[j]!; e < end; e++) {
      const i = rSources[e]!;
      if (hops[i] === -1) {
        hops[i] = next;
        queue[tail++] = i;
      }
    }
  }
}

/** The touched persons moving ≥ `threshold` points, largest first (ties by node), and all touched persons' total. */
function affectedPersons(
  ws: ContagionWorkspace,
  own: Map<number, number>,
  weights: ScoreWeights,
  threshold: number,
): { affected: AffectedPerson[]; totalPoints: number } {
  const { result } = ws;
  const { shrink } = result.transition;
  const affected: AffectedPerson[] = [];
  let totalPoints = 0;
  for (let k = 0; k < ws.touchedCount; k++) {
    const i = ws.touched[k]!;
    const deltaOwn = own.get(i) ?? 0;
    const deltaNetwork = dimensionChange(result, i, shrink[i]! * ws.received[i]!);
    const deltaPoints = weights.scale * (weights.own * deltaOwn + weights.network * deltaNetwork);
    totalPoints += deltaPoints;
    if (Math.abs(deltaPoints) >= threshold && deltaPoints !== 0) {
      affected.push({ node: i, deltaPoints, deltaNetwork, deltaOwn, hops: ws.hops[i]! });
    }
  }
  affected.sort((x, y) => Math.abs(y.deltaPoints) - Math.abs(x.deltaPoints) || x.node - y.node);
  return { affected, totalPoints };
}

/** Δd_i of a change Δn_i of person i's network value: Δn_i itself without a band. */
function dimensionChange(result: NetworkResult, i: number, deltaValue: number): number {
  const halfWidth = result.bandHalfWidth;
  if (halfWidth === undefined || deltaValue === 0) return deltaValue;
  const value = unbandedValue(result.px[i]!, i, result.transition, result.mu);
  return networkDimension(value + deltaValue, result.mu, halfWidth) - networkDimension(value, result.mu, halfWidth);
}

/** The points the residual ρ the push left behind still moves in all: networkPoints · Σ_j ρ_j·y_j. */
function leftoverPoints(ws: ContagionWorkspace, y: ArrayLike<number>, networkPoints: number): number {
  let sum = 0;
  for (let k = 0; k < ws.touchedCount; k++) sum += ws.residual[ws.touched[k]!]! * y[ws.touched[k]!]!;
  return networkPoints * sum;
}
