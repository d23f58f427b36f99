/**
 * The protected groups a fairness report compares: sex as recorded, and age bands from the
 * birth year at the run's as-of date. Protected attributes are read here and in the fairness
 * report only — never by the scoring code (src/score), which a test enforces.
 */
import type { ReportRow } from '../store/store.js';

/** Group of persons whose attribute is not recorded. */
export const UNKNOWN_GROUP = 'unknown';

/** Age bands, youngest first: a band holds ages from `min` up to the next band's `min`. */
export const AGE_BANDS = [
  { id: 'under 18', min: 0 },
  { id: '18–24', min: 18 },
  { id: '25–34', min: 25 },
  { id: '35–44', min: 35 },
  { id: '45–54', min: 45 },
  { id: '55–64', min: 55 },
  { id: '65+', min: 65 },
] as const;

/**
 * The age band of a birth year at a date: age = year(asOf) − birth year (the year of birth is
 * all that is stored, so this is the age reached during the as-of year).
 *
 * @example ageBandOf(1990, '2026-06-30'); // '35–44'
 */
export function ageBandOf(birthYear: number | undefined, asOf: string): string {
  if (birthYear === undefined) return UNKNOWN_GROUP;
  const age = Number(asOf.slice(0, 4)) - birthYear;
  let band: string = AGE_BANDS[0].id;
  for (const candidate of AGE_BANDS) if (age >= candidate.min) band = candidate.id;
  return band;
}

/** A protected attribute: its name and every row's group, with the groups in display order. */
export interface ProtectedAttribute {
  attribute: 'sex' | 'ageBand';
  /** Display order of the groups that may occur. */
  order: readonly string[];
  groupOf(row: ReportRow): string;
}

export function protectedAttributes(asOf: string): ProtectedAttribute[] {
  return [
    { attribute: 'sex', order: ['F', 'M', 'X', UNKNOWN_GROUP], groupOf: (row) => row.sex ?? UNKNOWN_GROUP },
    { attribute: 'ageBand', order: [...AGE_BANDS.map((band) => band.id), UNKNOWN_GROUP], groupOf: (row) => ageBandOf(row.birthYear, asOf) },
  ];
}
