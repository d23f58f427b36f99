/**
 * The rows of a report read for the CLI: the published run and every served score, in one
 * store read, optionally with the outcomes of a file in place of the stored ones.
 */
import type { ScoreRun } from '../domain/scores.js';
import type { ReportRow, Store } from '../store/store.js';
import { ReportUnavailableError } from './published-reports.js';

export interface ReportSource {
  run: ScoreRun;
  rows: ReportRow[];
  /** Outcomes of the file naming nobody the run scored. */
  unmatched: number;
}

/**
 * @throws ReportUnavailableError when no run is published.
 * @example
 * const { run, rows } = await publishedReportRows(store, await readOutcomesFile('outcomes.csv'));
 */
export async function publishedReportRows(store: Store, outcomes?: ReadonlyMap<string, boolean>): Promise<ReportSource> {
  const run = await store.publishedRun();
  if (!run) throw new ReportUnavailableError('no score run has been published yet (run `tiescore recompute --wait` first)', 'no-published-run');
  const stored = await store.reportRowsIn(run);
  if (!outcomes) return { run, rows: stored, unmatched: 0 };
  const rows = stored.map((row): ReportRow => {
    const { defaulted: _stored, ...rest } = row;
    const defaulted = outcomes.get(row.personId);
    return defaulted === undefined ? rest : { ...rest, defaulted };
  });
  const scored = new Set(stored.map((row) => row.personId));
  let unmatched = 0;
  for (const personId of outcomes.keys()) if (!scored.has(personId)) unmatched++;
  return { run, rows, unmatched };
}
