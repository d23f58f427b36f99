/**
 * The network band: how a network value n_i becomes the network dimension a score reads
 * (docs/design.md, "The network band").
 *
 * Network values sit close to the prior μ (contact averages vary far less than own scores), while
 * the bound on what contacts can do to a score, 600·w_network, pays for the whole of [0, 1]. With
 * a band of half-width h (`network.bandHalfWidth`) the dimension spends that range where values are:
 *
 *     d_i = ½ + clamp((n_i − μ) / (2h), −½, ½)        (d_i = n_i without a band)
 *
 * so a person without contacts (n_i = μ) sits at ½, and contacts still move a score by at most
 * 600·w_network from the worst network to the best. The map is monotone, so the dimension ranks
 * persons as n does (up to ties at the clamps); its slope is 1/(2h) inside the band and 0 outside,
 * so 1/(2h) bounds how much any change of n moves d.
 *
 * Inside the band the map is affine with weights summing to one, so it commutes with the contact
 * average n is: d_i = ½ + g_i·(n_i − μ) is the same average of the contacts' values mapped by
 * v ↦ ½ + g_i·(v − μ), with g_i = 1/(2h), or the smaller factor that lands on the clamp
 * (`bandGain`). explain.ts uses that for exact contributions.
 */

/** The network dimension of network value `value` under prior `mu` and band half-width `halfWidth` (none: n itself). */
export function networkDimension(value: number, mu: number, halfWidth: number | undefined): number {
  if (halfWidth === undefined) return value;
  const centred = (value - mu) / (2 * halfWidth);
  return 0.5 + Math.min(0.5, Math.max(-0.5, centred));
}

/** The largest change of the dimension per unit change of n: 1/(2h), or 1 without a band. */
export function bandSlope(halfWidth: number | undefined): number {
  return halfWidth === undefined ? 1 : 1 / (2 * halfWidth);
}

/**
 * g_i of the banner: the factor with d_i − centre = g_i·(n_i − μ), where the centre is ½ (μ
 * without a band): 1/(2h) inside the band, smaller on a clamp, 1 without a band.
 */
export function bandGain(value: number, mu: number, halfWidth: number | undefined): number {
  if (halfWidth === undefined) return 1;
  const offset = value - mu;
  const slope = bandSlope(halfWidth);
  if (offset === 0) return slope;
  return (networkDimension(value, mu, halfWidth) - 0.5) / offset;
}

/** The dimension of a person without contacts: ½ in a band, μ without. */
export function bandCentre(mu: number, halfWidth: number | undefined): number {
  return halfWidth === undefined ? mu : 0.5;
}

/** Throws unless the half-width is absent or a finite number > 0. */
export function checkBandHalfWidth(halfWidth: number | undefined, module: string): void {
  if (halfWidth !== undefined && !(halfWidth > 0 && Number.isFinite(halfWidth))) {
    throw new Error(`${module}: bandHalfWidth must be a finite number > 0, got ${halfWidth}`);
  }
}
