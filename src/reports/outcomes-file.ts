/**
 * Reads an outcomes file (`person_id,defaulted`, CSV or NDJSON, the import files' rules) for a
 * backtest. Unlike an import, one bad row stops it: a backtest on part of the outcomes would
 * silently measure something else.
 */
import { DATA_FILES, parseRow } from '../import/row-schemas.js';
import { FileError, openRows } from '../import/read-rows.js';
import type { Outcome } from '../domain/outcomes.js';

/**
 * The outcomes of the file by person id (a later row for the same person replaces an earlier one).
 *
 * @throws FileError `FILE:LINE: reason` at the first bad row, or when the file cannot be read.
 * @example
 * const outcomes = await readOutcomesFile('data/outcomes.csv'); // Map { 'p0001' => false, … }
 */
export async function readOutcomesFile(path: string): Promise<Map<string, boolean>> {
  const spec = DATA_FILES.outcomes;
  const source = await openRows(path, spec);
  const outcomes = new Map<string, boolean>();
  for await (const row of source.rows()) {
    if ('error' in row) throw new FileError(path, row.line, row.error);
    const parsed = parseRow<Outcome>(spec.schema as never, row.raw);
    if (!parsed.ok) throw new FileError(path, row.line, parsed.reason);
    outcomes.set(parsed.value.personId, parsed.value.defaulted);
  }
  if (outcomes.size === 0) throw new FileError(path, 0, 'holds no outcomes');
  return outcomes;
}
