/**
 * The 350–950 score scale and its bands — the one place they are written down. Bands apply to
 * the displayed (integer) score.
 */

export const SCORE_MIN = 350;
export const SCORE_MAX = 950;
/** Points between the lowest and the highest score: s = SCORE_MIN + SCORE_SPAN · Σ w_k·d_k. */
export const SCORE_SPAN = SCORE_MAX - SCORE_MIN;

/** The bands, lowest first; each runs from `min` to `max` inclusive, with no gaps. */
export const BANDS = [
  { id: 'poor', label: 'Poor', min: 350, max: 549 },
  { id: 'fair', label: 'Fair', min: 550, max: 599 },
  { id: 'good', label: 'Good', min: 600, max: 649 },
  { id: 'very_good', label: 'Very good', min: 650, max: 699 },
  { id: 'excellent', label: 'Excellent', min: 700, max: 950 },
] as const;

export type Band = (typeof BANDS)[number];
/** A band's stable identifier, e.g. `very_good`. */
export type BandId = Band['id'];

/**
 * The band of a score: the highest band whose `min` it reaches.
 *
 * @throws RangeError for a score outside 350–950 or NaN.
 * @example
 * bandOf(612).id; // 'good'
 * bandOf(549.6).id; // 'poor' — round to the displayed score first
 */
export function bandOf(score: number): Band {
  if (!(score >= SCORE_MIN && score <= SCORE_MAX)) {
    throw new RangeError(`score: ${score} is outside ${SCORE_MIN}–${SCORE_MAX}`);
  }
  let band: Band = BANDS[0];
  for (const candidate of BANDS) if (score >= candidate.min) band = candidate;
  return band;
}
