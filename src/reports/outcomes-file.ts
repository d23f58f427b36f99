/**
 * Reads an outcomes file (`person_id,defaulted`, CSV or NDJSON, the import files' rules) for a
 * backtest. Unlike an import, one bad row stops it: a backtest on part of the outcomes would
 * silently measure something else.
 */
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
  const source = await openRows(path, 'outcomes');
  const outcomes = new Map<string, boolean>();
  for await (const rows of source.batches()) {
    for (const row of rows) {
      if ('error' in row) throw new FileError(path, row.line, row.error);
      const { personId, defaulted } = row.value as Outcome;
      outcomes.set(personId, defaulted);
    }
  }
  if (outcomes.size === 0) throw new FileError(path, 0, 'holds no outcomes');
  return outcomes;
}
