/**
 * Tie strength and trust: the nominal weight of a contact link and the trust of a contact
 * (docs/design.md, "The network dimension"). A link's nominal weight is typeWeight · strength;
 * the kernels' weight of contact j multiplies it by trust_j (nominal-csr.ts, `withTrust`).
 *
 *     strength(FRIEND) = 1 − exp(−(2^(−since/h) + interactions) / friendInteractionScale)
 *     strength(PAID)   = (1 − exp(−(count/paidCountScale + amount/paidAmountScale))) · 2^(−lastAt/h)
 *     trust_j          = (verified ? 1 : unverifiedTrust/max(1, σ)) · min(1, accountAge / newAccountDays)
 *
 * with σ the slope of the network band (1 without one, `trustOf`).
 * h = edgeHalfLifeDays. A friendship's declaration counts as one interaction that goes stale
 * with the friendship's age; the 12-month interaction count is already recent evidence. Both
 * strengths saturate in (0, 1].
 *
 * Reference: M. Granovetter, "The strength of weak ties", AJS 78 (1973): tie strength grows
 * with interaction and fades without it.
 */
import { bandSlope } from './network-band.js';
import { DEFAULT_NETWORK_PARAMS, type NetworkParams } from './network-params.js';

/** Constants of the tie-strength curves; override per builder. */
export interface StrengthConstants {
  /** Interactions per year at which a friendship reaches 1 − 1/e of full strength. */
  friendInteractionScale: number;
  /** Payments at which a PAID link reaches 1 − 1/e of full strength (amount aside). */
  paidCountScale: number;
  /** Amount (currency units) at which a PAID link reaches 1 − 1/e of full strength (count aside). */
  paidAmountScale: number;
}

export const STRENGTH_DEFAULTS: Readonly<StrengthConstants> = Object.freeze({
  friendInteractionScale: 10,
  paidCountScale: 5,
  paidAmountScale: 1000,
});


// 2^(−age/h), as exp (Math.pow is several times slower in V8 and this runs once per link).
function decay(ageDays: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0)) return 1;
  return Math.exp((-Math.max(0, ageDays) * Math.LN2) / halfLifeDays);
}

/**
 * Strength in (0, 1] of a friendship declared `sinceDays` ago with `interactions` in the last
 * 12 months.
 *
 * @example friendStrength(0, 0) // ≈ 0.095: a fresh, silent friendship is weak evidence
 * @example friendStrength(400, 30) // ≈ 0.95
 */
export function friendStrength(
  sinceDays: number,
  interactions: number,
  params: Pick<NetworkParams, 'edgeHalfLifeDays'> = DEFAULT_NETWORK_PARAMS,
  constants: StrengthConstants = STRENGTH_DEFAULTS,
): number {
  const evidence = decay(sinceDays, params.edgeHalfLifeDays) + Math.max(0, interactions);
  return 1 - Math.exp(-evidence / constants.friendInteractionScale);
}

/**
 * Strength in [0, 1] of `count` payments totalling `amount`, the latest `lastAtDays` ago.
 *
 * @example paidStrength(5, 1000, 0) // ≈ 0.86
 * @example paidStrength(5, 1000, 365) // ≈ 0.43 with the default one-year half-life
 */
export function paidStrength(
  count: number,
  amount: number,
  lastAtDays: number,
  params: Pick<NetworkParams, 'edgeHalfLifeDays'> = DEFAULT_NETWORK_PARAMS,
  constants: StrengthConstants = STRENGTH_DEFAULTS,
): number {
  const intensity = Math.max(0, count) / constants.paidCountScale + Math.max(0, amount) / constants.paidAmountScale;
  return (1 - Math.exp(-intensity)) * decay(lastAtDays, params.edgeHalfLifeDays);
}

/**
 * Trust in [0, 1] of a person as somebody else's contact (Sybil damping): unverified accounts
 * get `unverifiedTrust`, accounts younger than `newAccountDays` are scaled by their age. In a
 * network band of slope σ = 1/(2h) > 1 (network-band.ts) unverified accounts get
 * `unverifiedTrust`/σ: the band stretches n by σ, so unverified contacts move the dimension, and a
 * score, no more than they would without the band.
 *
 * @example trustOf(true, 400) // 1
 * @example trustOf(false, 45) // 0.1 · 45/90 = 0.05
 */
export function trustOf(
  verified: boolean,
  accountAgeDays: number,
  params: Pick<NetworkParams, 'unverifiedTrust' | 'newAccountDays' | 'bandHalfWidth'> = DEFAULT_NETWORK_PARAMS,
): number {
  const base = verified ? 1 : params.unverifiedTrust / Math.max(1, bandSlope(params.bandHalfWidth));
  if (!(params.newAccountDays > 0)) return base;
  return base * Math.min(1, Math.max(0, accountAgeDays) / params.newAccountDays);
}

/**
 * `trustOf` for a whole population.
 *
 * @example trustArray(pop.verified, pop.accountAgeDays) // Float64Array(n)
 */
export function trustArray(
  verified: ArrayLike<number | boolean>,
  accountAgeDays: ArrayLike<number>,
  params: Pick<NetworkParams, 'unverifiedTrust' | 'newAccountDays' | 'bandHalfWidth'> = DEFAULT_NETWORK_PARAMS,
): Float64Array {
  if (verified.length !== accountAgeDays.length) {
    throw new Error(
      `csr: verified has ${verified.length} entries but accountAgeDays has ${accountAgeDays.length}`,
    );
  }
  const out = new Float64Array(verified.length);
  for (let i = 0; i < out.length; i++) out[i] = trustOf(Boolean(verified[i]), accountAgeDays[i]!, params);
  return out;
}

/**
 * A copy of per-person trust for n persons (1 for everybody when none is given), refused with
 * a one-line error when its length is wrong or a value lies outside [0, 1].
 *
 * @example checkedTrust([1, 0.5], 2) // Float64Array [1, 0.5]
 */
export function checkedTrust(trust: ArrayLike<number> | undefined, n: number): Float64Array {
  if (!trust) return new Float64Array(n).fill(1);
  if (trust.length !== n) throw new Error(`csr: trust has ${trust.length} entries for ${n} persons`);
  const copy = Float64Array.from(trust);
  for (let i = 0; i < n; i++) {
    const t = copy[i]!;
    if (!(t >= 0 && t <= 1)) throw new Error(`csr: trust of person ${i} is ${t}, outside [0, 1]`);
  }
  return copy;
}
