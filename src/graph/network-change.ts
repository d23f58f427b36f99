/**
 * Which persons a run's propagation moved: their network dimension (`NetworkResult.network`) from
 * this run's contact sums (P·x)_i against the one the base run's sums give, under this run's P and
 * μ (propagate.ts: n_i = s_i·((P·x)_i + (1 − r_i)·μ) + (1 − s_i)·μ, then the band if the
 * parameters have one, network-band.ts). It sees every way a change reaches n_i through x: a
 * changed own score b, a changed edge moving its ends' x, and what either does hops away, each as
 * exactly as the propagation's own tolerance.
 * The shift of μ alone is held out (both sides use this run's): small changes move it by far less
 * than a tolerance worth rescoring for.
 *
 * Rows of P rebuilt since the base run compare a new row against old sums; their persons' values
 * are to be checked another way (incremental-plan.ts checks them against their served values).
 */
import { networkDimension } from './network-band.js';
import { unbandedValue, type NetworkResult } from './propagate.js';

/**
 * The persons i < basePx.length, ascending, whose network dimension moved by at least `minChange`
 * (∈ (0, 1]); `skip(i)` leaves a person out (unused seqs). O(n): only persons whose sums differ
 * are evaluated.
 *
 * @example
 * movedNetworkValues(refined, baseImage.px, 0.25 / pointsPerUnit); // [17, 402, …]
 */
export function movedNetworkValues(result: Pick<NetworkResult, 'network' | 'px' | 'transition' | 'mu' | 'bandHalfWidth'>, basePx: Float64Array, minChange: number, skip?: (i: number) => boolean): number[] {
  if (!(minChange > 0)) throw new Error(`network-change: minChange must be a number > 0, got ${minChange}`);
  const { network, px, transition, mu, bandHalfWidth } = result;
  const bound = Math.min(basePx.length, px.length);
  const moved: number[] = [];
  for (let i = 0; i < bound; i++) {
    if (px[i] === basePx[i] || skip?.(i)) continue;
    const before = networkDimension(unbandedValue(basePx[i]!, i, transition, mu), mu, bandHalfWidth);
    if (Math.abs(network[i]! - before) >= minChange) moved.push(i);
  }
  return moved;
}
