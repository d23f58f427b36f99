/**
 * Turns measured values into a dimension score with a model's bins: each feature earns the
 * points of the bin its value falls in, and the dimension is points earned ÷ most points
 * possible, in [0, 1]. The per-feature breakdown is kept for explanations and reason codes.
 */
import type { MeasureName, MeasureValues, PersonalDimension } from './measures.js';
import { labelOf, maxPointsOf, missingPointsOf, missingReasonOf, referencePointsOf, type Bin, type Model } from './model.js';

/** One feature of a scored dimension. */
export interface FeatureScore {
  /** Stable reason code from the model, e.g. `H_DEFAULTS`. */
  code: string;
  /** The measure the feature scores. */
  measure: MeasureName;
  /** The measured value (see MEASURES for its unit); undefined when unknown. */
  value: number | undefined;
  /** True when the value is unknown and the feature earned its `missing` points. */
  missing: boolean;
  /** Points earned. */
  points: number;
  /** Points the best bin would earn. */
  maxPoints: number;
  /** The points reason codes compare with (the model's `typical`, else the best bin's). */
  referencePoints: number;
  /** Neutral label, e.g. "Bills paid on time". */
  label: string;
  /**
   * Plain-language reason shown when this feature costs points against the reference: the
   * model's adverse reason, or "No information on …" for an unknown value.
   */
  reason: string;
}

/** A scored dimension: its value in [0, 1] and how it was made. */
export interface DimensionScore {
  value: number;
  features: FeatureScore[];
}

/**
 * The points of the bin a value falls in: the first bin whose `upTo` is at least the value,
 * else the last bin.
 *
 * @example
 * pointsForValue([{ upTo: 0, points: 100 }, { points: 0 }], 0.3); // 0
 */
export function pointsForValue(bins: readonly Bin[], value: number): number {
  for (const bin of bins) {
    if (bin.upTo === undefined || value <= bin.upTo) return bin.points;
  }
  // Unreachable for a validated model, whose last bin has no upTo.
  return bins[bins.length - 1]?.points ?? 0;
}

/**
 * Scores one dimension's measured values with the model's features for that dimension.
 *
 * An undefined value is unknown: it earns the feature's missing points, never a bin's.
 *
 * @throws RangeError when a value is NaN (a bad input would otherwise land in the last bin).
 * @example
 * scoreDimension('behaviour', { billsOnTimeRatio: 0.97, activityRegularity: 0.9 }, model).value; // 1
 */
export function scoreDimension<D extends PersonalDimension>(
  dimension: D,
  values: MeasureValues<D>,
  model: Model,
): DimensionScore {
  let earned = 0;
  let possible = 0;
  const features = model.features[dimension].map((feature): FeatureScore => {
    const value = (values as Record<MeasureName, number | undefined>)[feature.measure];
    if (Number.isNaN(value)) {
      throw new RangeError(`score: ${feature.code} has no value (${feature.measure} is NaN)`);
    }
    const missing = value === undefined;
    const points = missing ? missingPointsOf(feature) : pointsForValue(feature.bins, value);
    const maxPoints = maxPointsOf(feature);
    earned += points;
    possible += maxPoints;
    return {
      code: feature.code,
      measure: feature.measure,
      value,
      missing,
      points,
      maxPoints,
      referencePoints: referencePointsOf(feature),
      label: labelOf(feature),
      reason: missing ? missingReasonOf(feature) : feature.reason,
    };
  });
  return { value: possible > 0 ? earned / possible : 0, features };
}
