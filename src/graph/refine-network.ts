/**
 * Incremental propagation: the network values of a slightly changed graph from the x of an
 * earlier run, by one residual pass and a push instead of repeated sweeps (docs/design.md,
 * "Incremental recompute").
 *
 * Math (propagate.ts fixes P, f and n). x solves (I − αP)·x = f. From any start x⁰ the residual
 *
 *     ρ = f + αP·x⁰ − x⁰   satisfies   x = x⁰ + (I − αP)^{-1} ρ   exactly,
 *
 * so one pass over the entries finds everything that moved since x⁰ was computed: changed own
 * scores, rebuilt rows of P, a shifted prior μ, and whatever an earlier refinement left. The
 * push (residual-push.ts) then moves every |ρ_i| > ε into x along reversed edges. What it leaves
 * moves no x_i by more than ε/(1 − α), nor any n_i (n_i reads x through s_i·P_i·, whose weights
 * sum to at most 1), nor a banded dimension by more than σ·ε/(1 − α), σ the band's slope. After a change to a few persons the push works on them and a few hops
 * around them, where the sweeps visit all entries about six times.
 *
 * The pass over the entries is itself avoidable: given the earlier run's contact sums P⁰x⁰ and
 * the rows of P that changed since (`products`), (Px⁰)_i is read afresh only on those rows; the
 * push accumulates P·q for the rest, so P·x, n and the residual left come out of O(n) vector
 * work, and the whole refinement touches the entries of the changed rows and of the pushed
 * ones. The error never accumulates over a lineage of refinements: each one starts from the full
 * residual. A change that reaches far (a shift of μ large against ε, or many changed persons) is
 * cheaper to sweep: when more than `maxPushes` persons (default n/4) start above ε, or the push
 * needs more pushes than that, the sweeps do the job from where it got.
 */
import type { Csr } from './csr.js';
import type { NetworkParams } from './network-params.js';
import {
  checkOwnScores,
  multiplyTransition,
  networkOf,
  propagateNetwork,
  rightHandSide,
  startingPoint,
  transitionFor,
  type NetworkResult,
  type Transition,
} from './propagate.js';
import { PushWorkspace, pushResiduals } from './residual-push.js';

export interface RefineOptions {
  /** Prior μ of this run. */
  mu: number;
  /** x of an earlier run (length n; persons new since then at their own score). Not changed. */
  initial: Float64Array;
  /** ε: the largest residual left; every x_i and n_i is then within ε/(1 − α) of the exact values. */
  maxResidual: number;
  /** A transition already built for this CSR and parameters. */
  transition?: Transition;
  /** Pushes before the sweeps take over (default: a quarter of the persons). */
  maxPushes?: number;
  /**
   * The contact sums P⁰x⁰ of the run `initial` comes from (by seq; persons new since then after
   * its end) and the rows of P rebuilt since, ascending: every other row of P is P⁰'s.
   */
  products?: { px: Float64Array; changedRows: ArrayLike<number> };
}

/**
 * @example
 * const next = refineNetwork(csr, own, params, { mu, initial: previous.x, maxResidual: 1e-6 });
 * next.network[i]; // within 1e-6 / (1 − α) of propagateNetwork(csr, own, params, { mu }).network[i]
 */
export function refineNetwork(csr: Csr, b: Float64Array, params: NetworkParams, opts: RefineOptions): NetworkResult {
  const n = csr.nodeCount;
  checkOwnScores(b, n);
  const eps = opts.maxResidual;
  if (!(eps > 0 && Number.isFinite(eps))) throw new Error(`refine: maxResidual must be a finite number > 0, got ${eps}`);
  const transition = transitionFor(csr, params, opts.transition);
  const { mu } = opts;
  const f = rightHandSide(b, transition, mu);
  const x = startingPoint(opts.initial, b);
  const ws = new PushWorkspace(csr, transition);
  const px = contactSums(csr, transition.p, x, opts.products);
  const seeds = residualsAbove(f, px, x, transition.alpha, eps, ws.residual);
  const maxPushes = opts.maxPushes ?? Math.ceil(n / 4);
  const { pushes, complete } = seeds.length <= maxPushes ? pushResiduals(ws, seeds, eps, maxPushes) : { pushes: 0, complete: false };
  const { estimate: q, received: pq } = ws;
  for (let i = 0; i < n; i++) {
    x[i]! += q[i]!;
    px[i]! += pq[i]!;
  }
  ws.release();
  if (!complete) {
    const swept = propagateNetwork(csr, b, params, { mu, transition, initial: x });
    return { ...swept, iterations: swept.iterations + 1, pushes };
  }
  let left = 0;
  for (let i = 0; i < n; i++) left += Math.abs(f[i]! + transition.alpha * px[i]! - x[i]!);
  return { ...networkOf(px, transition, mu, params), x, px, b, mu, iterations: 1, pushes, residual: left / Math.max(1, n), converged: true, transition };
}

/** (P·x)_i: carried from `products` where P's row did not change, else summed over the row. */
function contactSums(csr: Csr, p: Float64Array, x: Float64Array, products: RefineOptions['products']): Float64Array {
  const n = csr.nodeCount;
  if (!products) return multiplyTransition(csr, p, x, new Float64Array(n));
  if (products.px.length > n) throw new Error(`refine: the carried contact sums cover ${products.px.length} persons, the graph ${n}`);
  const px = new Float64Array(n);
  px.set(products.px);
  const { offsets, targets } = csr;
  const rows = products.changedRows;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new Error(`refine: changed row ${i} is outside 0..${n - 1}`);
    let acc = 0;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) acc += p[e]! * x[targets[e]!]!;
    px[i] = acc;
  }
  return px;
}

// ρ_i = f_i + α·(Px)_i − x_i into `residual`; returns the persons with |ρ_i| > eps.
function residualsAbove(f: Float64Array, px: Float64Array, x: Float64Array, alpha: number, eps: number, residual: Float64Array): number[] {
  const above: number[] = [];
  for (let i = 0; i < f.length; i++) {
    const r = f[i]! + alpha * px[i]! - x[i]!;
    residual[i] = r;
    if (Math.abs(r) > eps) above.push(i);
  }
  return above;
}
