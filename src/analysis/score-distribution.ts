/**
 * The score distribution of a population — counts per band and a fixed-width histogram over
 * the 350–950 scale — for the analyst page's population view. Pure: the caller supplies the
 * scores (NaN marks a person without a score, who is left out).
 */
import { BANDS, SCORE_MAX, SCORE_MIN, bandOf, type BandId } from '../score/index.js';

export interface ScoreDistribution {
  /** Persons with a score. */
  scored: number;
  /** Mean score (2 decimals); null when nobody is scored. */
  meanScore: number | null;
  /** Every band in scale order, with its score range and count. */
  bands: { band: BandId; label: string; min: number; max: number; count: number }[];
  /** Bins `[from, to)` of `binWidth` points from 350; the last bin also holds 950. */
  histogram: { binWidth: number; bins: { from: number; to: number; count: number }[] };
}

/**
 * @example
 * scoreDistribution(Float64Array.of(400, 610, NaN), 50);
 * // { scored: 2, meanScore: 505, bands: [{ band: 'poor', count: 1, … }, …], histogram: { binWidth: 50, bins: [{ from: 350, to: 400, count: 0 }, …] } }
 */
export function scoreDistribution(scores: ArrayLike<number>, binWidth: number): ScoreDistribution {
  if (!(Number.isInteger(binWidth) && binWidth >= 1)) throw new Error(`score-distribution: binWidth must be a whole number ≥ 1, got ${binWidth}`);
  const binCount = Math.ceil((SCORE_MAX - SCORE_MIN) / binWidth);
  const bins = Array.from({ length: binCount }, (_, k) => ({ from: SCORE_MIN + k * binWidth, to: Math.min(SCORE_MAX, SCORE_MIN + (k + 1) * binWidth), count: 0 }));
  const perBand = new Map<BandId, number>(BANDS.map((band) => [band.id, 0]));
  let scored = 0;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (Number.isNaN(score)) continue;
    scored++;
    sum += score;
    const band = bandOf(score).id;
    perBand.set(band, perBand.get(band)! + 1);
    const bin = Math.min(binCount - 1, Math.max(0, Math.floor((score - SCORE_MIN) / binWidth)));
    bins[bin]!.count++;
  }
  return {
    scored,
    meanScore: scored > 0 ? Math.round((sum / scored) * 100) / 100 : null,
    bands: BANDS.map((band) => ({ band: band.id, label: band.label, min: band.min, max: band.max, count: perBand.get(band.id)! })),
    histogram: { binWidth, bins },
  };
}
