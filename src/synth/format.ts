/**
 * Stable number formatting for the population files: fixed decimals, no exponent, no locale,
 * and cheaper than `toFixed` (a million-person run formats tens of millions of numbers).
 * Values are non-negative by construction; a negative one is still formatted correctly.
 */

/** Rounds to cents, the precision money is stored and written at. */
export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Rounds to 4 decimals, the precision ratios are stored and written at. */
export function roundRatio(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** `1234.5` → `"1234.50"`. */
export function formatMoney(x: number): string {
  return fixed(x, 100, 2);
}

/** `0.5` → `"0.5000"`. */
export function formatRatio(x: number): string {
  return fixed(x, 10_000, 4);
}

const ZEROS = '0000';

function fixed(x: number, scale: number, digits: number): string {
  const scaled = Math.round(Math.abs(x) * scale);
  const whole = Math.floor(scaled / scale);
  const frac = String(scaled - whole * scale);
  const sign = x < 0 && scaled !== 0 ? '-' : '';
  return `${sign}${whole}.${ZEROS.slice(0, digits - frac.length)}${frac}`;
}
