/**
 * The evaluation and fairness reports of the published run, as the API serves them: one store
 * read of every served score (`Store.reportRowsIn`) per published run and outcomes revision,
 * the evaluation (with its bootstrap) computed once per read and the fairness report once per
 * cut-off, so repeated requests are answered from memory. Concurrent callers share one read.
 */
import type { ScoreRun } from '../domain/scores.js';
import type { Model } from '../score/index.js';
import type { ReportRow, Store } from '../store/store.js';
import { evaluateRun, type EvaluationOptions, type EvaluationReport } from './evaluation.js';
import { fairnessReport, type FairnessReport } from './fairness.js';

/** Fairness reports (one per cut-off) kept per published run. */
const MAX_CUTOFFS_CACHED = 32;

/** Why a report cannot be made. */
export class ReportUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'no-published-run' | 'no-outcomes',
  ) {
    super(message);
    this.name = 'ReportUnavailableError';
  }
}

interface Entry {
  key: string;
  rows: Promise<{ run: ScoreRun; rows: ReportRow[] }>;
  evaluation?: Promise<EvaluationReport>;
  fairness: Map<number, FairnessReport>;
}

export class PublishedReports {
  private entry: Entry | undefined;
  /** Store reads made so far (for tests). */
  reads = 0;

  constructor(
    private readonly store: Store,
    private readonly model: Model,
    private readonly evaluationOptions: EvaluationOptions = {},
    /** Every cut-off the fairness report may be asked at: its disclosure control looks at all of them. */
    private readonly fairnessCutoffs: readonly number[] = [],
  ) {}

  /** The backtest of the published run against the stored outcomes. */
  async evaluation(): Promise<EvaluationReport> {
    const entry = await this.current();
    entry.evaluation ??= entry.rows.then(({ run, rows }) => {
      if (!rows.some((row) => row.defaulted !== undefined)) {
        throw new ReportUnavailableError(
          `no outcomes are stored for the persons run ${run.id} scored; load them with \`tiescore import --outcomes FILE\` or POST /v1/ingest/outcomes`,
          'no-outcomes',
        );
      }
      return evaluateRun({ run, rows, model: this.model }, this.evaluationOptions);
    });
    const evaluation = entry.evaluation;
    evaluation.catch(() => {
      if (entry.evaluation === evaluation) entry.evaluation = undefined;
    });
    return evaluation;
  }

  /** Approval rates and adverse impact per protected group at `cutoff`. */
  async fairness(cutoff: number): Promise<FairnessReport> {
    const entry = await this.current();
    const { run, rows } = await entry.rows;
    let report = entry.fairness.get(cutoff);
    if (!report) {
      report = fairnessReport({ run, rows, model: this.model }, { cutoff, cutoffs: this.fairnessCutoffs });
      if (entry.fairness.size >= MAX_CUTOFFS_CACHED) entry.fairness.delete(entry.fairness.keys().next().value!);
      entry.fairness.set(cutoff, report);
    }
    return report;
  }

  private async current(): Promise<Entry> {
    const [run, revision] = await Promise.all([this.store.publishedRun(), this.store.outcomesRevision()]);
    if (!run) throw new ReportUnavailableError('no score run has been published yet', 'no-published-run');
    const key = `${run.id}\u0000${revision ?? ''}`;
    if (this.entry?.key !== key) {
      this.reads++;
      const rows = this.store.reportRowsIn(run).then((rows) => ({ run, rows }));
      const entry: Entry = { key, rows, fairness: new Map() };
      this.entry = entry;
      rows.catch(() => {
        if (this.entry === entry) this.entry = undefined;
      });
    }
    return this.entry;
  }
}
