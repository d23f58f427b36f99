/**
 * The hidden risk and the outcome of the synthetic population (banner of population.ts,
 * steps 4–5): strong-tie contagion n_i, the standardised risk r_i and next-year defaults with
 * the intercept solved for the base rate.
 */
import type { SynthParams } from './population.js';
import type { Prng } from '../prng.js';

type RiskParams = SynthParams['risk'];

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** n_i = Σ_j s_ij·o_j / (Σ_j s_ij + κ) over strong ties, s_ij = ln(1 + interactions). */
export function contagion(
  n: number,
  a: Int32Array,
  b: Int32Array,
  interactions: Int32Array,
  ownRisk: Float64Array,
  p: RiskParams,
): Float64Array {
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  for (let e = 0; e < a.length; e++) {
    const k = interactions[e]!;
    if (k < p.strongTieInteractions) continue;
    const s = Math.log1p(k);
    const x = a[e]!;
    const y = b[e]!;
    num[x]! += s * ownRisk[y]!;
    den[x]! += s;
    num[y]! += s * ownRisk[x]!;
    den[y]! += s;
  }
  for (let i = 0; i < n; i++) num[i] = num[i]! / (den[i]! + p.contagionShrinkage);
  return num;
}

/** r = standardise(o + γ·n + λ·η). */
export function hiddenRisk(ownRisk: Float64Array, networkRisk: Float64Array, p: RiskParams, rng: Prng): Float64Array {
  const n = ownRisk.length;
  const r = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = ownRisk[i]! + p.contagion * networkRisk[i]! + p.luck * rng.normal();
    r[i] = v;
    sum += v;
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (r[i]! - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(sq / (n - 1)) : 1;
  for (let i = 0; i < n; i++) r[i] = (r[i]! - mean) / (sd > 0 ? sd : 1);
  return r;
}

/** The intercept β0 with mean σ(β0 + β1·r) = base rate (bisection; the mean is monotone in β0). */
export function outcomeIntercept(risk: Float64Array, p: RiskParams): number {
  let lo = -30;
  let hi = 30;
  for (let it = 0; it < 40; it++) {
    const mid = (lo + hi) / 2;
    let sum = 0;
    for (let i = 0; i < risk.length; i++) sum += sigmoid(mid + p.outcomeSlope * risk[i]!);
    if (sum / risk.length < p.baseRate) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** defaulted_i ~ Bernoulli(σ(β0 + β1·r_i)). */
export function drawOutcomes(risk: Float64Array, p: RiskParams, rng: Prng): Uint8Array {
  const beta0 = outcomeIntercept(risk, p);
  const out = new Uint8Array(risk.length);
  for (let i = 0; i < risk.length; i++) out[i] = rng.bernoulli(sigmoid(beta0 + p.outcomeSlope * risk[i]!)) ? 1 : 0;
  return out;
}
