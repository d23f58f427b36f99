/**
 * Run statistics built up chunk by chunk: counts per band and the score sum, so the parent can
 * merge its children's tallies into the published run's stats without reading scores back.
 */
import { BANDS, type BandId } from '../../score/index.js';

export interface ScoreTally {
  count: number;
  sum: number;
  min: number;
  max: number;
  bands: Record<BandId, number>;
}

export function emptyTally(): ScoreTally {
  return {
    count: 0,
    sum: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    bands: Object.fromEntries(BANDS.map((band) => [band.id, 0])) as Record<BandId, number>,
  };
}

export function tallyScore(tally: ScoreTally, score: number, band: BandId): void {
  tally.count++;
  tally.sum += score;
  tally.min = Math.min(tally.min, score);
  tally.max = Math.max(tally.max, score);
  tally.bands[band]++;
}

export function mergeTallies(tallies: readonly ScoreTally[]): ScoreTally {
  const total = emptyTally();
  for (const tally of tallies) {
    if (tally.count === 0) continue; // its min/max are ±Infinity (null once sent through JSON)
    total.count += tally.count;
    total.sum += tally.sum;
    total.min = Math.min(total.min, tally.min);
    total.max = Math.max(total.max, tally.max);
    for (const band of BANDS) total.bands[band.id] += tally.bands[band.id] ?? 0;
  }
  return total;
}

/** The JSON-friendly summary stored on the run. */
export function summariseTally(tally: ScoreTally): { scored: number; meanScore: number | null; minScore: number | null; maxScore: number | null; bands: Record<BandId, number> } {
  return {
    scored: tally.count,
    meanScore: tally.count > 0 ? Math.round((tally.sum / tally.count) * 100) / 100 : null,
    minScore: tally.count > 0 ? tally.min : null,
    maxScore: tally.count > 0 ? tally.max : null,
    bands: tally.bands,
  };
}
