/** Number and date formats the page uses everywhere, so the same value always reads the same. */

/** `-3.2149` → `−3.21` (a real minus sign, which screen readers say as "minus"). */
export function formatDelta(points: number, digits = 2): string {
  const text = Math.abs(points).toFixed(digits);
  return points < 0 ? `\u2212${text}` : points > 0 ? `+${text}` : text;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en');
}

export function formatPoints(points: number, digits = 1): string {
  return points.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** An ISO instant as `2026-06-30 14:05 UTC` (analysts compare runs across time zones). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
