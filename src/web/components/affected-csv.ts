/**
 * The what-if's affected persons as CSV (RFC 4180): one row per person with the API's numbers
 * unrounded, after a header naming the run and the shocks. A cell that a spreadsheet would read
 * as a formula (starting with =, +, -, @) is prefixed with a quote (OWASP "CSV injection").
 */
import type { ContagionResult } from '../api/types.js';

const COLUMNS = ['person_id', 'delta_points', 'hops', 'score', 'projected_score', 'delta_own', 'delta_network'] as const;

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * @example
 * affectedCsv(answer).split('\r\n')[0]; // 'person_id,delta_points,hops,score,projected_score,delta_own,delta_network'
 */
export function affectedCsv(answer: Pick<ContagionResult, 'affected'>): string {
  const rows = answer.affected.map((a) => [a.personId, a.deltaPoints, a.hops, a.score, a.projectedScore, a.deltaOwn, a.deltaNetwork].map(cell).join(','));
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
