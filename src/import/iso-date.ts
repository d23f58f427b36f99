/**
 * The one rule for a `YYYY-MM-DD` date in tiescore's inputs (import rows, API bodies, CLI
 * options): a real calendar date in the years 1900–2199. Pure, with no schema library, so the
 * CLI can check an option before it loads anything.
 */

export const ISO_DATE_PATTERN = /^(19|20|21)\d\d-\d\d-\d\d$/;
export const ISO_DATE_SHAPE = 'must be a date YYYY-MM-DD';

/**
 * Why `value` is not an accepted date, or undefined when it is.
 *
 * @example isoDateProblem('2026-02-30') // 'is not a calendar date'
 */
export function isoDateProblem(value: string): string | undefined {
  if (!ISO_DATE_PATTERN.test(value)) return ISO_DATE_SHAPE;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? undefined : 'is not a calendar date';
}
