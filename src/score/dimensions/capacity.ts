/**
 * The capacity dimension: can the person carry their debt? Debt service against income, and
 * assets as months of income. Zero income is handled without dividing by zero: no debt is a
 * ratio of 0, any debt is the measure's cap; assets likewise. A ratio is unknown when a figure it
 * needs is, except that no debt (or no assets) is 0 whatever the income.
 */
import { scoreDimension, type DimensionScore } from '../dimension.js';
import { capMeasure, type MeasureValues } from '../measures.js';
import type { Model } from '../model.js';
import type { ScoringFeatures } from '../scoring-features.js';

/**
 * numerator / denominator, with x/0 = +∞ for x > 0 and 0/0 = 0 (capped by the caller); unknown
 * when either is, except that a known 0 numerator is 0 whatever the denominator.
 */
function ratio(numerator: number | undefined, denominator: number | undefined): number | undefined {
  if (numerator === 0) return 0;
  if (numerator === undefined || denominator === undefined) return undefined;
  if (denominator > 0) return numerator / denominator;
  return numerator > 0 ? Infinity : 0;
}

const capped = (name: 'debtToIncome' | 'assetMonths', value: number | undefined) => (value === undefined ? undefined : capMeasure(name, value));

/**
 * The capacity measures of a person.
 *
 * @example
 * capacityMeasures({ ...features, incomeMonthly: 3000, debtMonthly: 450, assets: 12000 });
 * // { debtToIncome: 0.15, assetMonths: 4 }
 */
export function capacityMeasures(person: ScoringFeatures): MeasureValues<'capacity'> {
  return {
    debtToIncome: capped('debtToIncome', ratio(person.debtMonthly, person.incomeMonthly)),
    assetMonths: capped('assetMonths', ratio(person.assets, person.incomeMonthly)),
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
