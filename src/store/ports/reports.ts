/**
 * The reports port: what the evaluation (backtest) and fairness reports read — every served
 * score of a run with the person's event count, protected attributes and outcome — and the
 * observed outcomes they are checked against. Outcomes are never a score input.
 */
import type { Outcome } from '../../domain/outcomes.js';
import type { Person } from '../../domain/records.js';
import type { PersonScore, ScoreRun } from '../../domain/scores.js';
import type { MethodSet } from './port-methods.js';
import type { UpsertResult } from './upsert-result.js';

/**
 * One scored person as the reports read them (`reportRowsIn`): the served score and its
 * dimensions, the person's count of credit events, the protected attributes (for fairness
 * reports only — never a score input) and the stored outcome (for backtests).
 */
export interface ReportRow {
  personId: string;
  seq: number;
  score: number;
  band: string;
  dimensions: PersonScore['dimensions'];
  /** Credit events on record at the run's as-of date (not removed by a dispute). */
  creditEvents: number;
  birthYear?: number | undefined;
  sex?: Person['sex'];
  /** The stored outcome; undefined when none is stored for the person. */
  defaulted?: boolean | undefined;
}

export interface ReportPort {
  /**
   * Every person the run serves a score for, with what the reports need, in seq order — one
   * statement in Neo4j, so a report over the whole population is one read.
   *
   * @example
   * const rows = await store.reportRowsIn(run); // rows[0].dimensions.network, rows[0].defaulted
   */
  reportRowsIn(run: ScoreRun): Promise<ReportRow[]>;
  /** Inserts or replaces observed outcomes keyed by person id (persons must exist). */
  upsertOutcomes(outcomes: readonly Outcome[]): Promise<UpsertResult>;
  /**
   * Changes whenever stored outcomes change (an opaque token; undefined while none is stored),
   * so a cached backtest knows when to recompute.
   */
  outcomesRevision(): Promise<string | undefined>;
}

export const REPORT_METHODS: MethodSet<ReportPort> = {
  reportRowsIn: true,
  upsertOutcomes: true,
  outcomesRevision: true,
};
