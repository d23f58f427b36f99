/**
 * One retention sweep: works out the cutoffs for now and deletes what is past them. The BullMQ
 * `retention` job (scheduled with the nightly recompute) and `tiescore retention run` both call
 * it; it is idempotent, so a sweep that died half-way is simply run again.
 */
import type { RetentionCutoffs, RetentionResult } from '../../domain/privacy.js';
import type { Model } from '../../score/index.js';
import type { PrivacyPort, ScoreExportPort } from '../../store/store.js';
import { retentionCutoffs } from './retention-cutoffs.js';

export interface RetentionOutcome {
  cutoffs: RetentionCutoffs;
  /** `scoreExports`: bulk score-export records, which age out with the access log they appear in. */
  removed: RetentionResult & { scoreExports: number };
}

/**
 * @example
 * const { removed } = await runRetention(store, model, { accessLogRetentionDays: 730 });
 * removed.events; // events past the model's retention window, now deleted
 */
export async function runRetention(
  store: Pick<PrivacyPort, 'sweepRetention'> & Pick<ScoreExportPort, 'deleteScoreExportsBefore'>,
  model: Pick<Model, 'history'>,
  options: { accessLogRetentionDays: number; now?: Date },
): Promise<RetentionOutcome> {
  const cutoffs = retentionCutoffs(options.now ?? new Date(), {
    retentionYears: model.history.retentionYears,
    accessLogRetentionDays: options.accessLogRetentionDays,
  });
  const removed = await store.sweepRetention(cutoffs);
  return { cutoffs, removed: { ...removed, scoreExports: await store.deleteScoreExportsBefore(cutoffs.accessLogBefore) } };
}

/** One line for logs and the CLI. */
export const describeRetention = ({ cutoffs, removed }: RetentionOutcome) =>
  `retention: removed ${removed.events} events dated before ${cutoffs.eventsBefore} (${removed.personsMarked} persons marked for rescoring) ` +
  `and ${removed.accessLog} access-log entries and ${removed.scoreExports} score-export records before ${cutoffs.accessLogBefore}`;
