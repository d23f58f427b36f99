/**
 * Contagion what-if: whose scores move, and by how much, when some persons' own scores change.
 *
 * Math (propagate.ts fixes P, r, s, μ). A shock Δb on a set S, with the prior μ held at the
 * run's value (a what-if on a few persons does not re-estimate the population mean), changes
 *
 *     Δf_j = (1 − α)·Δb_j  (D_j > 0),   Δf_j = Δb_j  (D_j = 0)
 *     Δx   = (I − αP)^{-1} Δf            exactly the difference of two full propagations
 *     Δn_i = s_i·(P Δx)_i
 *     Δscore_i = scale·(own·Δb_i + network·Δn_i)      (score-weights.ts)
 *
 * x_i reads its contacts, so a change at j reaches the persons i that have j as a contact:
 * the push runs along reversed edges (P^T). Forward push keeps an estimate q and a residual ρ
 * with the invariant Δx = q + (I − αP)^{-1} ρ, starting at q = 0, ρ = Δf. Pushing j moves
 * ρ_j into q_j and adds α·P_ij·ρ_j to ρ_i for every i with j as a contact; the same sweep
 * accumulates (P q)_i, so Δn_i ≈ s_i·(P q)_i needs no second pass. It stops when every
 * |ρ_j| ≤ ε. Because every row of αP sums to at most α,
 *
 *     |Δn_i − s_i·(P q)_i| ≤ ‖ρ‖_∞ / (1 − α),
 *
 * so ε = tolerance·(1 − α) / (scale·network) bounds every reported Δscore's error by
 * `tolerance` points. For a one-signed shock each push adds more than ε to Σ|q| ≤ ‖Δx‖_1, so
 * the work is bounded by the reach ‖Δx‖_1/ε, independent of the graph size. All buffers live
 * in a `ContagionWorkspace` made once per graph; a call resets only the entries it touched.
 *
 * Hops: breadth-first distance from the nearest shocked person along reversed edges through
 * persons the push went through (a path through a person whose residual never exceeded ε
 * carries less than the tolerance and is not followed).
 *
 * Reference: R. Andersen, F. Chung, K. Lang, "Local graph partitioning using PageRank vectors",
 * FOCS 2006 (push); P. Berkhin, "Bookmark-coloring algorithm for personalized PageRank
 * computing", Internet Mathematics 3 (2006); the linear-system view follows
 * D. F. Gleich, "PageRank beyond the web", SIAM Review 57 (2015).
 */
import { transposeCsr, type Csr } from './csr.js';
import type { NetworkResult } from './propagate.js';
import { checkScoreWeights, DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from './score-weights.js';

const DEFAULTS = {
  /** Report persons whose score moves by at least this many points. */
  threshold: 0.1,
  /** Largest error, in points, of any reported (or unreported) score change. */
  tolerance: 0.01,
  /** Stop after this many pushes (the result then says `complete: false`). */
  maxPushes: Infinity,
};

const TOUCHED = 1;
const QUEUED = 2;
const PUSHED = 4;

/**
 * Reusable state of contagion pushes over one CSR and one propagation result: P^T and
 * per-node buffers, allocated once (≈ 38 bytes per node, plus 12 per entry when transposed).
 *
 * P^T row j lists every person i with j as a contact, with P_ij. For a CSR with a symmetric
 * pattern (every link-built one: `csr.symmetric`) that list is CSR row j itself, so the
 * workspace borrows the CSR's offsets and targets and computes a row's values the first time a
 * push walks it (P_ij is found in row i), keeping them for later pushes: O(Σ_{i∈N(j)} deg i)
 * once per row, instead of an O(n + m) transpose up front that a push reaching a few thousand
 * persons never repays. Other CSRs are transposed when the workspace is made.
 *
 * @example
 * const ws = new ContagionWorkspace(csr, result);
 * for (const who of suspects) pushContagion(csr, result, [{ node: who, deltaB: -result.b[who]! }], { workspace: ws });
 */
export class ContagionWorkspace {
  readonly csr: Csr;
  readonly result: NetworkResult;
  /** Row j of P^T: `reverseSources[reverseOffsets[j] … reverseOffsets[j+1]]`, every i with j as a contact. */
  readonly reverseOffsets: Int32Array;
  readonly reverseSources: Int32Array;
  /** P_ij of row j's entries, in order, from `reverseRow(j)` on (the array grows: read it after that call). */
  reverseValues: Float64Array;
  /** Lazy rows (a symmetric CSR): where row j's values start in `reverseValues`, −1 before its first walk. */
  readonly rowAt: Int32Array | undefined;
  private filledValues = 0;
  readonly residual: Float64Array;
  readonly estimate: Float64Array;
  /** (P q)_i accumulated during the push. */
  readonly received: Float64Array;
  readonly hops: Int32Array;
  readonly flags: Uint8Array;
  /** FIFO ring; a node is queued at most once at a time, so n slots suffice. */
  readonly queue: Int32Array;
  touched: Int32Array;
  touchedCount = 0;

  constructor(csr: Csr, result: NetworkResult) {
    if (result.transition.p.length !== csr.targets.length || result.network.length !== csr.nodeCount) {
      throw new Error('contagion: the result was computed for another CSR');
    }
    const n = csr.nodeCount;
    this.csr = csr;
    this.result = result;
    if (csr.symmetric) {
      this.reverseOffsets = csr.offsets;
      this.reverseSources = csr.targets;
      this.reverseValues = new Float64Array(64); // grows by doubling
      this.rowAt = new Int32Array(n).fill(-1);
    } else {
      const reverse = transposeCsr(csr, result.transition.p);
      this.reverseOffsets = reverse.offsets;
      this.reverseSources = reverse.sources;
      this.reverseValues = reverse.values;
      this.rowAt = undefined;
    }
    this.residual = new Float64Array(n);
    this.estimate = new Float64Array(n);
    this.received = new Float64Array(n);
    this.hops = new Int32Array(n).fill(-1);
    this.flags = new Uint8Array(n);
    this.queue = new Int32Array(Math.max(1, n));
    this.touched = new Int32Array(1024);
  }

  /** Where row j's values P_ij start in `reverseValues` (computing them on a lazy row's first walk). */
  reverseRow(j: number): number {
    const rowAt = this.rowAt;
    if (rowAt === undefined) return this.reverseOffsets[j]!;
    if (rowAt[j]! >= 0) return rowAt[j]!;
    const { offsets, targets } = this.csr;
    const p = this.result.transition.p;
    const start = offsets[j]!;
    const end = offsets[j + 1]!;
    const at = this.filledValues;
    if (at + (end - start) > this.reverseValues.length) {
      const grown = new Float64Array(Math.max(2 * this.reverseValues.length, at + (end - start)));
      grown.set(this.reverseValues.subarray(0, at));
      this.reverseValues = grown;
    }
    const values = this.reverseValues;
    for (let e = start; e < end; e++) {
      const i = targets[e]!;
      const rowEnd = offsets[i + 1]!;
      let k = offsets[i]!;
      while (k < rowEnd && targets[k] !== j) k++;
      if (k === rowEnd) throw new Error(`contagion: the CSR says it is symmetric but ${i} → ${j} is missing`);
      values[at + e - start] = p[k]!;
    }
    this.filledValues = at + (end - start);
    rowAt[j] = at;
    return at;
  }

  /** Marks `node` touched (first time only). */
  touch(node: number): void {
    if (this.flags[node]! & TOUCHED) return;
    this.flags[node]! |= TOUCHED;
    if (this.touchedCount === this.touched.length) {
      const grown = new Int32Array(this.touched.length * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.touchedCount++] = node;
  }

  /** Clears the entries the last push touched (O(touched)). */
  reset(): void {
    const { touched, residual, estimate, received, hops, flags } = this;
    for (let k = 0; k < this.touchedCount; k++) {
      const v = touched[k]!;
      residual[v] = 0;
      estimate[v] = 0;
      received[v] = 0;
      hops[v] = -1;
      flags[v] = 0;
    }
    this.touchedCount = 0;
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
  /** y = Pᵀ(I − αPᵀ)⁻¹s (influence.ts `totalNetworkEffect`): given, `totalPoints` also counts the residual ρ the push left, exactly (Σ_j ρ_j·y_j, since Δx = q + (I − αP)⁻¹ρ). */
  residualWeights?: ArrayLike<number>;
}

/** One person whose score moves. */
export interface AffectedPerson {
  node: number;
  /** Δscore_i in points. */
  deltaPoints: number;
  /** Δn_i (network value units). */
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
  const networkPoints = weights.scale * weights.network;
  // Residuals at or below eps are left: they move no score by more than `tolerance`.
  const eps = networkPoints > 0 ? (tolerance * (1 - alpha)) / networkPoints : Infinity;
  const own = shockTotals(shocks, csr.nodeCount);

  ws.reset();
  try {
    const { pushes, edgeVisits, complete } = push(ws, own, eps, maxPushes);
    // Error bound from what is left.
    let maxResidual = 0;
    for (let k = 0; k < ws.touchedCount; k++) maxResidual = Math.max(maxResidual, Math.abs(ws.residual[ws.touched[k]!]!));
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

// The push proper: residuals above eps are moved to the estimate and spread over reversed edges
// (FIFO ring of queued nodes). Hot loop over const-bound typed arrays.
function push(ws: ContagionWorkspace, own: Map<number, number>, eps: number, maxPushes: number): { pushes: number; edgeVisits: number; complete: boolean } {
  const { residual, estimate, received, flags, queue } = ws;
  const { degree, alpha } = ws.result.transition;
  const n = ws.csr.nodeCount;
  const rOffsets = ws.reverseOffsets;
  const rSources = ws.reverseSources;
  let head = 0;
  let size = 0;
  for (const [node, deltaB] of own) {
    ws.touch(node);
    residual[node]! += degree[node]! > 0 ? (1 - alpha) * deltaB : deltaB;
  }
  for (const node of own.keys()) {
    if (Math.abs(residual[node]!) > eps) {
      queue[(head + size++) % n] = node;
      flags[node]! |= QUEUED;
    }
  }
  let pushes = 0;
  let edgeVisits = 0;
  while (size > 0 && pushes < maxPushes) {
    const j = queue[head]!;
    head = head + 1 === n ? 0 : head + 1;
    size--;
    flags[j]! &= ~QUEUED;
    const v = residual[j]!;
    if (!(Math.abs(v) > eps)) continue; // opposite-signed arrivals cancelled it
    residual[j] = 0;
    estimate[j]! += v;
    flags[j]! |= PUSHED;
    pushes++;
    const valuesAt = ws.reverseRow(j) - rOffsets[j]!;
    const rValues = ws.reverseValues;
    const end = rOffsets[j + 1]!;
    const start = rOffsets[j]!;
    edgeVisits += end - start;
    for (let e = start; e < end; e++) {
      const i = rSources[e]!;
      const t = rValues[valuesAt + e]! * v;
      received[i]! += t;
      const r = residual[i]! + alpha * t;
      residual[i] = r;
      const fl = flags[i]!;
      if (!(fl & TOUCHED)) ws.touch(i);
      if (!(fl & QUEUED) && Math.abs(r) > eps) {
        let tail = head + size++;
        if (tail >= n) tail -= n;
        queue[tail] = i;
        flags[i]! |= QUEUED;
      }
    }
  }
  return { pushes, edgeVisits, complete: size === 0 };
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
  const { shrink } = ws.result.transition;
  const affected: AffectedPerson[] = [];
  let totalPoints = 0;
  for (let k = 0; k < ws.touchedCount; k++) {
    const i = ws.touched[k]!;
    const deltaOwn = own.get(i) ?? 0;
    const deltaNetwork = shrink[i]! * ws.received[i]!;
    const deltaPoints = weights.scale * (weights.own * deltaOwn + weights.network * deltaNetwork);
    totalPoints += deltaPoints;
    if (Math.abs(deltaPoints) >= threshold && deltaPoints !== 0) {
      affected.push({ node: i, deltaPoints, deltaNetwork, deltaOwn, hops: ws.hops[i]! });
    }
  }
  affected.sort((x, y) => Math.abs(y.deltaPoints) - Math.abs(x.deltaPoints) || x.node - y.node);
  return { affected, totalPoints };
}

/** The points the residual ρ the push left behind still moves in all: networkPoints · Σ_j ρ_j·y_j. */
function leftoverPoints(ws: ContagionWorkspace, y: ArrayLike<number>, networkPoints: number): number {
  let sum = 0;
  for (let k = 0; k < ws.touchedCount; k++) sum += ws.residual[ws.touched[k]!]! * y[ws.touched[k]!]!;
  return networkPoints * sum;
}
