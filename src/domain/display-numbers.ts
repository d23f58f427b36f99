/**
 * Numbers as they leave the service — in API answers and CLI output — rounded for the people who
 * read them: score points to 0.1, shares (values in [0, 1]: dimensions, the network value, the
 * prior) to 3 places. The maths inside keeps full precision; only these edges round, so
 * `64.80000000000001` never reaches anyone. `withoutFloatNoise` is the last guard for every other
 * number: it keeps 12 significant digits, which removes binary-rounding noise and nothing else.
 */

/**
 * `value` rounded to `digits` decimal places (half up, as `Math.round`), −0 turned into 0: the
 * one rounding helper; the named ones below fix the places for points and shares.
 *
 * @example roundTo(0.1 + 0.2, 4) // 0.3
 */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor + 0; // + 0 turns −0 into 0
}

/** Score points as people read them: to 0.1. */
export function roundPoints(points: number): number {
  return roundTo(points, 1);
}

/** A share (a value in [0, 1]) as people read it: to 3 places. */
export function roundShare(share: number): number {
  return roundTo(share, 3);
}

/** Every value of a record of shares, rounded (e.g. the five dimensions). */
export function roundShares<K extends string>(shares: Record<K, number>): Record<K, number> {
  return Object.fromEntries(Object.entries<number>(shares).map(([key, value]) => [key, roundShare(value)])) as Record<K, number>;
}

/** Reason codes as they leave the service: points lost to 0.1, nothing internal (`cost`). */
export function displayReasonCodes(codes: readonly { code: string; reason: string; pointsLost?: number | undefined }[]): {
  code: string;
  reason: string;
  pointsLost?: number;
}[] {
  return codes.map(({ code, reason, pointsLost }) => (pointsLost === undefined ? { code, reason } : { code, reason, pointsLost: roundPoints(pointsLost) }));
}

/**
 * A JSON.stringify replacer that removes float noise (`0.1 + 0.2` → 0.3) from every non-integer
 * number, keeping 12 significant digits.
 *
 * @example
 * JSON.stringify({ x: 0.1 + 0.2 }, withoutFloatNoise); // '{"x":0.3}'
 */
export function withoutFloatNoise(_key: string, value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value;
}

/** JSON text of a value with float noise removed (CLI `--json` output). */
export function jsonForPeople(value: unknown): string {
  return JSON.stringify(value, withoutFloatNoise);
}
