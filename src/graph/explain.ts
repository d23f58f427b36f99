/**
 * Exact explanation of one person's network value: who contributed how much.
 *
 * Math (propagate.ts fixes P, r, s, μ). The network value splits exactly into one term per
 * contact plus a prior share:
 *
 *     n_i = Σ_j c_ij + prior_i
 *     c_ij    = s_i · P_ij · x_j                       s_i = k_i / (k_i + κ), k_i the effective number of contacts
 *     prior_i = s_i·(1 − r_i)·μ + (1 − s_i)·μ           capped excess and trust deficit,
 *                                                      plus shrinkage towards μ
 *
 * Both parts are returned so analysts can see why a thin or low-trust network sits near μ.
 * The identity holds to floating-point rounding (≈ 1e-15), because propagate.ts computes n_i
 * from the same stored x with the same terms. No contact's coefficient s_i·P_ij exceeds the
 * per-contact cap: moving one contact's smoothed score x_j by δ moves n_i by at most cap·δ.
 *
 * In a network band (network-band.ts) the dimension is d_i = ½ + g_i·(n_i − μ). The weights
 * s_i·P_ij, s_i·(1 − r_i) and 1 − s_i sum to one, so the same split holds on the band's scale:
 * x_j becomes ½ + g_i·(x_j − μ) (a contact's `value`, which may fall outside [0, 1]) and μ becomes
 * the centre ½, and Σ_j c_ij + prior_i = d_i exactly.
 *
 * Reference: additive, exact attributions in the sense of S. M. Lundberg, S.-I. Lee, "A unified
 * approach to interpreting model predictions", NeurIPS 2017 (for a linear map they coincide
 * with the terms of the sum).
 */
import type { Csr } from './csr.js';
import { bandGain } from './network-band.js';
import { unbandedValue, type NetworkResult } from './propagate.js';

const DEFAULTS = {
  /** Return at most this many contributions (largest first); the rest are summed. */
  limit: Infinity,
};

/** One contact's part of a person's network value. */
export interface Contribution {
  /** The contact's node id. */
  contact: number;
  /** CSR weight w_ij (trust-damped). */
  weight: number;
  /** Transition share P_ij (≤ cap). */
  share: number;
  /** The contact's smoothed score x_j (in a band, on the band's scale: ½ + g_i·(x_j − μ)). */
  value: number;
  /** c_ij = s_i · P_ij · value. */
  contribution: number;
}

export interface NetworkExplanation {
  person: number;
  /** The network dimension: n_i, or its band. */
  network: number;
  /** μ. */
  mu: number;
  /** What a person without contacts gets, and what the prior parts are made of: μ, or ½ in a band. */
  centre: number;
  /** Number of contacts (CSR entries of the row). */
  contactCount: number;
  /** s_i = k_i / (k_i + κ), k_i the effective number of contacts: the weight of the contacts against the prior. */
  credibility: number;
  /** (1 − s_i)·centre: pull towards the prior because the network is thin. */
  priorShrinkage: number;
  /** s_i·(1 − r_i)·centre: the capped excess and the trust deficit, given to the prior. */
  priorDeficit: number;
  /** priorShrinkage + priorDeficit. */
  prior: number;
  /** Contributions, largest first (ties by contact id); at most `limit`. */
  contributions: Contribution[];
  /** Sum of the contributions left out by `limit` (0 when none). */
  otherContributions: number;
}

export interface ExplainOptions {
  /** Return only the largest `limit` contributions; the rest are summed in otherContributions. */
  limit?: number;
}

/**
 * Explains person `i`'s network value exactly: Σ contributions + otherContributions + prior = n_i.
 *
 * @example
 * const why = explainNetwork(csr, result, 42);
 * why.contributions[0]; // { contact: 7, share: 0.25, value: 0.81, contribution: 0.17, ... }
 */
export function explainNetwork(csr: Csr, result: NetworkResult, i: number, opts: ExplainOptions = {}): NetworkExplanation {
  const n = csr.nodeCount;
  if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new Error(`explain: person ${i} is outside 0..${n - 1}`);
  if (result.network.length !== n || result.transition.p.length !== csr.targets.length) {
    throw new Error('explain: the result was computed for another CSR');
  }
  const limit = opts.limit ?? DEFAULTS.limit;
  const { p, rowSum, shrink } = result.transition;
  const { x, mu, prior: centre } = result;
  const gain = bandGain(unbandedValue(result.px[i]!, i, result.transition, mu), mu, result.bandHalfWidth);
  const s = shrink[i]!;
  const start = csr.offsets[i]!;
  const end = csr.offsets[i + 1]!;
  const all: Contribution[] = [];
  for (let e = start; e < end; e++) {
    const j = csr.targets[e]!;
    const share = p[e]!;
    const value = result.bandHalfWidth === undefined ? x[j]! : centre + gain * (x[j]! - mu);
    all.push({ contact: j, weight: csr.weights[e]!, share, value, contribution: s * share * value });
  }
  all.sort((u, v) => v.contribution - u.contribution || u.contact - v.contact);
  const kept = all.length > limit ? all.slice(0, Math.max(0, limit)) : all;
  let other = 0;
  for (let k = kept.length; k < all.length; k++) other += all[k]!.contribution;
  const priorShrinkage = (1 - s) * centre;
  const priorDeficit = s * (1 - rowSum[i]!) * centre;
  return {
    person: i,
    network: result.network[i]!,
    mu,
    centre,
    contactCount: end - start,
    credibility: s,
    priorShrinkage,
    priorDeficit,
    prior: priorShrinkage + priorDeficit,
    contributions: kept,
    otherContributions: other,
  };
}
