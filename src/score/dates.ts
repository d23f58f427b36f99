/**
 * Calendar arithmetic for scoring: dates are ISO `YYYY-MM-DD` (UTC), ages are in months of
 * 365.25/12 days, so decay and retention do not jump at month ends.
 */

const MS_PER_DAY = 86_400_000;
/** Days in an average month (a Julian year over 12). */
export const DAYS_PER_MONTH = 365.25 / 12;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * Dates already parsed. A population's millions of events and edges share a few thousand
 * distinct dates, and parsing each one was 6 s of a 1M-person SNAPSHOT (profiled); bounded by
 * starting afresh past 65,536 entries.
 */
const parsedDays = new Map<string, number>();
const PARSED_DAYS_BOUND = 65_536;

/**
 * Days since 1970-01-01 of an ISO date (a `T…` time part is ignored).
 *
 * @throws RangeError for anything that is not a real calendar date.
 * @example
 * dayNumber('1970-01-31'); // 30
 */
export function dayNumber(iso: string): number {
  let day = parsedDays.get(iso);
  if (day === undefined) {
    day = parseDayNumber(iso);
    if (parsedDays.size >= PARSED_DAYS_BOUND) parsedDays.clear();
    parsedDays.set(iso, day);
  }
  return day;
}

function parseDayNumber(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const date = new Date(ms);
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return ms / MS_PER_DAY;
    }
  }
  throw new RangeError(`score: "${iso}" is not a YYYY-MM-DD date`);
}

/**
 * Months from `from` to `to` (negative when `from` is later), in average months.
 *
 * @example
 * monthsBetween('2024-11-01', '2026-11-01'); // 730 / (365.25/12) ≈ 23.98
 */
export function monthsBetween(from: string, to: string): number {
  return (dayNumber(to) - dayNumber(from)) / DAYS_PER_MONTH;
}
