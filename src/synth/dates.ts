/**
 * Calendar dates of the synthetic population. Every date is stored as an age in whole days
 * before the population's `asOf` date (negative = after it, e.g. a blacklisting that ends in
 * the future) and turned into `YYYY-MM-DD` only when written, through a cache: a million
 * persons produce tens of millions of dates but only a few thousand distinct ones.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a `YYYY-MM-DD` calendar date into UTC milliseconds, or returns undefined if it is not
 * a real date (2026-02-30 is rejected).
 */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : undefined;
}

/** Turns ages in days before a fixed date into `YYYY-MM-DD` labels, caching each label. */
export class DateLabels {
  private readonly asOfMs: number;
  private readonly cache = new Map<number, string>();

  /** @example new DateLabels('2026-06-30').label(1) // '2026-06-29' */
  constructor(readonly asOf: string) {
    const ms = parseIsoDate(asOf);
    if (ms === undefined) throw new Error(`synth/dates: asOf must be a YYYY-MM-DD date, got "${asOf}"`);
    this.asOfMs = ms;
  }

  /** The date `daysAgo` days before asOf (after it when negative). */
  label(daysAgo: number): string {
    let text = this.cache.get(daysAgo);
    if (text === undefined) {
      text = new Date(this.asOfMs - daysAgo * DAY_MS).toISOString().slice(0, 10);
      this.cache.set(daysAgo, text);
    }
    return text;
  }

  /** The calendar year of asOf. */
  get year(): number {
    return new Date(this.asOfMs).getUTCFullYear();
  }
}
