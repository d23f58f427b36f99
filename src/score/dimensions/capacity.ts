/**
 * The capacity dimension: can the person carry their debt? Debt service against income, and
 * assets as months of income. Zero income is handled without dividing by zero: no debt is a
 * ratio of 0, any debt is the measure's cap; assets likewise.
 */
import { scoreDimension, type DimensionScore } from '../dimension.js';
import { capMeasure, type MeasureValues } from '../measures.js';
import type { Model } from '../model.js';
import type { ScoringFeatures } from '../scoring-features.js';

/** numerator / denominator, with x/0 = +∞ for x > 0 and 0/0 = 0 (capped by the caller). */
function ratio(numerator: number, denominator: number): number {
  if (denominator > 0) return numerator / denominator;
  return numerator > 0 ? Infinity : 0;
}

/**
 * The capacity measures of a person.
 *
 * @example
 * capacityMeasures({ ...features, incomeMonthly: 3000, debtMonthly: 450, assets: 12000 });
 * // { debtToIncome: 0.15, assetMonths: 4 }
 */
export function capacityMeasures(person: ScoringFeatures): MeasureValues<'capacity'> {
  return {
    debtToIncome: capMeasure('debtToIncome', ratio(person.debtMonthly, person.incomeMonthly)),
    assetMonths: capMeasure('assetMonths', ratio(person.assets, person.incomeMonthly)),
  };
}

/**
 * Scores the capacity dimension.
 *
 * @example
 * scoreCapacity(features, model).value; // 0.78125 for debt 15% of income and 4 months of assets
 */
export function scoreCapacity(person: ScoringFeatures, model: Model): DimensionScore {
  return scoreDimension('capacity', capacityMeasures(person), model);
}
