/**
 * How the Reports view writes the reports' numbers. Pure, so the e2e test and the unit tests can
 * compare the API's numbers to the page's text by the same rule.
 */
import { formatCount } from '../format.js';

const MINUS = '\u2212';
const DASH = '—';

/** AUC, Gini, KS: three decimals; null (undefined metric) → "—". */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const text = Math.abs(value).toFixed(3);
  return value < 0 && Number(text) !== 0 ? `${MINUS}${text}` : text;
}

/** A signed difference of AUCs: `+0.004`, `−0.012`, `0.000`. */
export function formatDifference(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const text = Math.abs(value).toFixed(3);
  if (Number(text) === 0) return text;
  return value < 0 ? `${MINUS}${text}` : `+${text}`;
}

/** The AUC difference with its interval: `+0.004 (95% CI +0.002 to +0.006)`. */
export function formatDifferenceWithInterval(
  difference: { difference: number | null; lower: number | null; upper: number | null } | null,
  confidence: number,
): string {
  if (!difference || difference.difference === null) return DASH;
  const interval = difference.lower === null || difference.upper === null ? '' : ` (${Math.round(confidence * 100)}% CI ${formatDifference(difference.lower)} to ${formatDifference(difference.upper)})`;
  return `${formatDifference(difference.difference)}${interval}`;
}

/** Just the interval: `+0.002 to +0.006`; "—" when there is none. */
export function formatInterval(difference: { lower: number | null; upper: number | null } | null): string {
  if (!difference || difference.lower === null || difference.upper === null) return DASH;
  return `${formatDifference(difference.lower)} to ${formatDifference(difference.upper)}`;
}

/** Whether an interval excludes zero: the network dimension's effect is then distinguishable. */
export function intervalExcludesZero(difference: { lower: number | null; upper: number | null } | null): boolean {
  if (!difference || difference.lower === null || difference.upper === null) return false;
  return difference.lower > 0 || difference.upper < 0;
}

/** A rate (share) as a percentage with one decimal; null → "—". */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return `${(value * 100).toFixed(1)}%`;
}

/** An adverse impact ratio: two decimals; null (group too small or undefined) → "—". */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value.toFixed(2);
}

/** Persons: `1,234`. */
export function formatPersons(count: number): string {
  return formatCount(count);
}

/** Group ids as labels: `ageBand` → "Age band", `35-44` stays, `F` → "F". */
export function attributeLabel(attribute: string): string {
  return attribute === 'ageBand' ? 'Age band' : attribute === 'sex' ? 'Sex' : attribute;
}

/** One sentence for the ROC plot's accessible name. */
export function rocSummary(full: number | null, withoutNetwork: number | null, segment: string): string {
  return `ROC curves, ${segment}: AUC ${formatMetric(full)} with the network dimension, ${formatMetric(withoutNetwork)} without it.`;
}
