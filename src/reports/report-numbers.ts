/** Number formatting shared by the reports: JSON has no NaN, so an undefined metric is null. */
import { roundTo } from '../domain/display-numbers.js';

/** `value` rounded to `digits` decimals; null for NaN or ±Infinity. */
export function rounded(value: number, digits = 4): number | null {
  return Number.isFinite(value) ? roundTo(value, digits) : null;
}
