/**
 * What the evaluation and fairness reports read in Neo4j — every served score of a run with the
 * person's event count, protected attributes and outcome, in one statement — and the observed
 * outcomes they backtest against, as (:Outcome {personId}) nodes with a revision counter.
 */
import type { Outcome } from '../../domain/outcomes.js';
import type { Sex } from '../../domain/records.js';
import type { ScoreRun } from '../../domain/scores.js';
import type { ReportPort, ReportRow } from '../ports/reports.js';
import type { UpsertResult } from '../ports/upsert-result.js';
import type { Neo4jRunner } from './neo4j-runner.js';
import { scoreOfRow } from './score-blocks.js';
import { upsertInBatches } from './upsert-batches.js';

interface ReportRecord {
  personId: string;
  seq: number;
  /** The score as JSON (score-blocks.ts). */
  entry: string;
  creditEvents: number;
  birthYear: number | null;
  sex: Sex | null;
  defaulted: boolean | null;
}

export class ReportStore implements ReportPort {
  constructor(
    private readonly runner: Neo4jRunner,
    private readonly now: () => string,
  ) {}

  async reportRowsIn(run: ScoreRun): Promise<ReportRow[]> {
    const records = await this.runner.read<ReportRecord>('reports/rows-in-lineage', { lineage: run.lineage, asOf: run.asOf });
    return records.map((r) => {
      const { score, band, dimensions } = scoreOfRow({ runId: run.id, seq: r.seq, entry: r.entry });
      return {
        personId: r.personId,
        seq: r.seq,
        score,
        band,
        dimensions,
        creditEvents: r.creditEvents,
        ...(r.birthYear === null ? {} : { birthYear: r.birthYear }),
        ...(r.sex === null ? {} : { sex: r.sex }),
        ...(r.defaulted === null ? {} : { defaulted: r.defaulted }),
      };
    });
  }

  upsertOutcomes(outcomes: readonly Outcome[]): Promise<UpsertResult> {
    const rows = outcomes.map((o) => ({ personId: o.personId, defaulted: o.defaulted }));
    return upsertInBatches(this.runner, 'outcomes/upsert', rows, (row) => row.personId, this.now());
  }

  async outcomesRevision(): Promise<string | undefined> {
    const [row] = await this.runner.read<{ revision: number | null; outcomes: number }>('outcomes/revision');
    return row && row.outcomes > 0 ? `neo4j-${row.revision ?? 0}-${row.outcomes}` : undefined;
  }
}
