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
 * sum to at most 1); a last pass computes n from x and the exact residual left. After a change
 * to a few persons the push works on them and a few hops around them, where the sweeps visit
 * all entries about six times. The error never accumulates over a lineage of refinements: each
 * one starts from the full residual. A change that reaches far (a shift of μ large against ε, or
 * many changed persons) is cheaper to sweep: when more than `maxPushes` persons (default n/4)
 * start above ε, or the push needs more pushes than that, the sweeps do the job from where it got.
 */
import type { Csr } from './csr.js';
import type { NetworkParams } from './network-params.js';
import {
  checkOwnScores,
  multiplyTransition,
  networkOfContactAverages,
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
  const seeds = residualsAbove(csr, transition, f, x, eps, ws.residual);
  const maxPushes = opts.maxPushes ?? Math.ceil(n / 4);
  const { pushes, complete } = seeds.length <= maxPushes ? pushResiduals(ws, seeds, eps, maxPushes) : { pushes: 0, complete: false };
  const q = ws.estimate;
  for (let i = 0; i < n; i++) x[i]! += q[i]!;
  if (!complete) {
    const swept = propagateNetwork(csr, b, params, { mu, transition, initial: x });
    return { ...swept, iterations: swept.iterations + 1, pushes };
  }
  const px = multiplyTransition(csr, transition.p, x, new Float64Array(n));
  let left = 0;
  for (let i = 0; i < n; i++) left += Math.abs(f[i]! + transition.alpha * px[i]! - x[i]!);
  const network = networkOfContactAverages(px, transition, mu);
  return { network, x, b, mu, iterations: 1, pushes, residual: left / Math.max(1, n), converged: true, transition };
}

// ρ_i = f_i + α·(Px)_i − x_i into `residual`; returns the persons with |ρ_i| > eps.
// Parameters are the hot loop's const locals (see CONVENTIONS, "sharp edges").
function residualsAbove(csr: Csr, transition: Transition, f: Float64Array, x: Float64Array, eps: number, residual: Float64Array): number[] {
  const n = csr.nodeCount;
  const offsets = csr.offsets;
  const targets = csr.targets;
  const p = transition.p;
  const alpha = transition.alpha;
  const above: number[] = [];
  let e = offsets[0]!;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1]!;
    let acc = 0;
    for (; e < end; e++) acc += p[e]! * x[targets[e]!]!;
    const r = f[i]! + alpha * acc - x[i]!;
    residual[i] = r;
    if (Math.abs(r) > eps) above.push(i);
  }
  return above;
}
