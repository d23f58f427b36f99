/**
 * Parameters of the network dimension (docs/design.md, "The network dimension"). They are part of
 * a scorecard model file (`models/*.json`, section `network`) and are passed to the pure graph
 * kernels as one object, so every kernel reads the same values.
 */
export interface NetworkParams {
  /** Smoothing factor α of x = (1 − α)·b + α·P·x; in [0, 1). */
  alpha: number;
  /**
   * Shrinkage strength κ, in contacts: n_i = s_i·(contact average) + (1 − s_i)·μ with
   * s_i = k_i/(k_i + κ), k_i the effective number of contacts (propagate.ts).
   */
  shrinkage: number;
  /** Largest share of a person's contact weight one contact may hold; the excess goes to the prior. */
  perContactCap: number;
  /** Relative weight of a FRIEND edge. */
  friendWeight: number;
  /** Relative weight of a PAID edge (payer and payee both ways). */
  paidWeight: number;
  /** Trust of an unverified account, in [0, 1] (Sybil damping). */
  unverifiedTrust: number;
  /** Accounts younger than this many days get trust scaled by age / this. */
  newAccountDays: number;
  /** Half-life, in days, of the decay of an edge's strength since its last interaction. */
  edgeHalfLifeDays: number;
  /**
   * Half-width h of the network band: the dimension is ½ + clamp((n − μ)/(2h), ±½) instead of n
   * (network-band.ts). Absent: the dimension is n itself.
   */
  bandHalfWidth?: number | undefined;
}

export const DEFAULT_NETWORK_PARAMS: Readonly<NetworkParams> = Object.freeze({
  alpha: 0.5,
  shrinkage: 1,
  perContactCap: 1,
  friendWeight: 1,
  paidWeight: 2,
  unverifiedTrust: 0.1,
  newAccountDays: 90,
  edgeHalfLifeDays: 365,
});
