/**
 * What `tiescore model fit` fits on, read from a store: the published run's persons with an
 * outcome (stored, or given in a file), every person's four own dimensions under the base model
 * at the run's as-of date, and the contact graph with its trust inputs (the SNAPSHOT step's
 * image). The network dimension is not read from the run: the fit propagates it again for every
 * weighting and network parameter it tries.
 */
import { readSnapshotImageWithParts } from '../jobs/recompute/snapshot.js';
import type { SnapshotImage } from '../jobs/recompute/snapshot-image.js';
import { publishedReportRows } from '../reports/report-source.js';
import { PERSONAL_DIMENSIONS, type Model, type PersonalDimension } from '../score/index.js';
import type { ReportRow, Store } from '../store/store.js';
import { FitError } from './fit-error.js';

export interface FitData {
  run: { id: string; modelVersion: string; asOf: string };
  /** The graph and trust inputs by seq. */
  image: SnapshotImage;
  /** The four own dimensions by seq (NaN where a seq holds nobody). */
  own: Record<PersonalDimension, Float64Array>;
  /** Persons with an outcome: their seq, outcome, and what the fairness report needs. */
  rows: ReportRow[];
  /** Outcome rows naming nobody the run scored. */
  unmatched: number;
}

/**
 * @throws Error when no run is published or no scored person has an outcome.
 * @example
 * const data = await readFitData(store, model, outcomesFromFile);
 */
export async function readFitData(store: Store, model: Model, outcomes?: ReadonlyMap<string, boolean>): Promise<FitData> {
  const { run, rows, unmatched } = await publishedReportRows(store, outcomes);
  const withOutcome = rows.filter((row) => row.defaulted !== undefined);
  if (withOutcome.length === 0) {
    throw new FitError(
      outcomes
        ? `fit: none of the outcomes names a person run ${run.id} scored`
        : `fit: no outcomes are stored for the persons run ${run.id} scored: give --outcomes FILE or load them with \`tiescore import --outcomes FILE\``,
    );
  }
  const { image, ownParts } = await readSnapshotImageWithParts(store, model, run.asOf);
  const n = image.ids.length;
  const own = Object.fromEntries(PERSONAL_DIMENSIONS.map((d) => [d, new Float64Array(n).fill(NaN)])) as Record<PersonalDimension, Float64Array>;
  for (let seq = 0; seq < n; seq++) {
    const part = ownParts.get(seq);
    if (part) for (const d of PERSONAL_DIMENSIONS) own[d][seq] = part.dimensions[d];
  }
  return { run, image, own, rows: withOutcome, unmatched };
}
