/**
 * The rows of a bulk score export and their two encodings — one JSON object a line (NDJSON) and
 * CSV with a header — shared by `tiescore scores export` and `GET /v1/runs/{id}/scores`, so the
 * file and the stream hold the same rows. Pure.
 */
import { roundTo } from '../domain/display-numbers.js';
import type { ScoreExportFormat } from '../domain/score-exports.js';
import type { PersonScore } from '../domain/scores.js';
import { DIMENSIONS } from '../score/index.js';
import { csvField } from './export-csv.js';

/**
 * One person's score in an export. `seq` orders the rows and is the resume cursor: a stream
 * cut short continues after the last `seq` received.
 */
export interface ScoreExportRow {
  seq: number;
  personId: string;
  score: number;
  band: string;
  /** Rounded to 4 decimals (a dimension moves a score by at most 600·weight·d: 1e-4 is under 0.06 points). */
  dimensions: PersonScore['dimensions'];
  /** The stable codes, most points lost first (their texts are in the model). */
  reasonCodes: string[];
}

export const SCORE_EXPORT_CSV_COLUMNS = ['seq', 'person_id', 'score', 'band', ...DIMENSIONS, 'reason_codes'] as const;

export const SCORE_EXPORT_CONTENT_TYPES: Record<ScoreExportFormat, string> = {
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
};

export function exportRowOf(score: PersonScore): ScoreExportRow {
  return {
    seq: score.seq,
    personId: score.personId,
    score: score.score,
    band: score.band,
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, roundDimension(score.dimensions[d])])) as PersonScore['dimensions'],
    reasonCodes: score.reasonCodes.map((rc) => rc.code),
  };
}

export const roundDimension = (value: number): number => roundTo(value, 4);

/** The text before the first row: the CSV header line; nothing for NDJSON. */
export function exportPreamble(format: ScoreExportFormat): string {
  return format === 'csv' ? `${SCORE_EXPORT_CSV_COLUMNS.join(',')}\r\n` : '';
}

/** One row as a line of `format`, with its line end. */
export function exportLine(row: ScoreExportRow, format: ScoreExportFormat): string {
  if (format === 'ndjson') return `${JSON.stringify(row)}\n`;
  const cells = [row.seq, row.personId, row.score, row.band, ...DIMENSIONS.map((d) => row.dimensions[d]), row.reasonCodes.join(';')];
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * Reads an export back into rows (tests, and anyone checking a file): NDJSON lines or CSV with
 * the header above. Throws on anything else.
 */
export function parseExport(text: string, format: ScoreExportFormat): ScoreExportRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  if (format === 'ndjson') return lines.map((line) => JSON.parse(line) as ScoreExportRow);
  const [header, ...rows] = lines;
  if (header !== SCORE_EXPORT_CSV_COLUMNS.join(',')) throw new Error(`score export: unexpected CSV header ${header}`);
  return rows.map((line) => {
    const cells = parseCsvLine(line);
    const dims = Object.fromEntries(DIMENSIONS.map((d, k) => [d, Number(cells[4 + k])])) as PersonScore['dimensions'];
    const codes = cells[4 + DIMENSIONS.length]!;
    return { seq: Number(cells[0]), personId: unquoteFormula(cells[1]!), score: Number(cells[2]), band: cells[3]!, dimensions: dims, reasonCodes: codes === '' ? [] : codes.split(';') };
  });
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let k = 0;
  while (k <= line.length) {
    if (line[k] === '"') {
      let cell = '';
      k++;
      while (k < line.length) {
        if (line[k] === '"' && line[k + 1] === '"') {
          cell += '"';
          k += 2;
        } else if (line[k] === '"') {
          break;
        } else {
          cell += line[k++];
        }
      }
      cells.push(cell);
      k += 2; // closing quote and comma
    } else {
      const end = line.indexOf(',', k);
      cells.push(line.slice(k, end < 0 ? line.length : end));
      k = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

/** csvField puts `'` before text a spreadsheet would run as a formula; undo it. */
const unquoteFormula = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
