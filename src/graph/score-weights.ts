/**
 * How a change in the own score b or the network value n turns into points of the final
 * score: final = 350 + scale·Σ_k w_k·d_k (docs/design.md, "The score"). b is the weighted mean of
 * the four per-person dimensions, so their weights act on b together:
 *
 *     Δscore_i = scale · (own · Δb_i + network · Δn_i)
 *
 * The caller derives these from the scorecard model (own = 1 − network when the weights sum
 * to 1); the graph kernels never read the model themselves.
 */
import { bandSlope } from './network-band.js';

export interface ScoreWeights {
  /** Points per unit of the weighted dimension sum (600 on the 350–950 scale). */
  scale: number;
  /** Total weight of the four own-record dimensions (history, behaviour, capacity, identity). */
  own: number;
  /** Weight of the network dimension. */
  network: number;
}

/**
 * Weights for callers that give none (tests, benchmarks): network 0.05, the other four 0.95, scale
 * 600 — the 2026.11b model's, not the current default model's; the pipeline and the API pass the
 * model's own (analysis/score-weights.ts).
 */
export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({ scale: 600, own: 0.95, network: 0.05 });

/**
 * The most points a unit change of the network value n moves a score: scale·network, times the
 * slope 1/(2h) of a network band (network-band.ts). Tolerances stated in points divide by it.
 */
export function pointsPerNetworkUnit(weights: ScoreWeights, bandHalfWidth: number | undefined): number {
  return weights.scale * weights.network * bandSlope(bandHalfWidth);
}

/** Throws `<module>: ...` unless the weights are finite and non-negative. */
export function checkScoreWeights(weights: ScoreWeights, module: string): void {
  for (const key of ['scale', 'own', 'network'] as const) {
    const v = weights[key];
    if (!(Number.isFinite(v) && v >= 0)) throw new Error(`${module}: weights.${key} must be a finite number ≥ 0, got ${v}`);
  }
}
