/** Number formatting shared by the reports: JSON has no NaN, so an undefined metric is null. */

/** `value` rounded to `digits` decimals; null for NaN or ±Infinity. */
export function rounded(value: number, digits = 4): number | null {
  if (!Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
