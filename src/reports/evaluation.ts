/**
 * The backtest of a published run (issue 8, `tiescore evaluate`, `GET /v1/reports/evaluation`):
 * how well the score ranks observed defaults — AUC, KS, default rate per band and the ROC
 * curve — for the published score and for the score with the network dimension removed
 * (weights renormalised, `scoreWithoutNetwork`), over everybody with an outcome and over
 * thin-file persons (at most one credit event on record), with a paired bootstrap confidence
 * interval of the AUC difference. Does the network dimension earn its place?
 *
 * Both variants are ranked by their unrounded scores (fewer ties); bands use the displayed
 * (rounded) score, as a lender sees it. Pure: the rows come from `Store.reportRowsIn`.
 */
import { BANDS, bandOf, scoreOfDimensions, scoreWithoutNetwork, type Model } from '../score/index.js';
import type { ReportRow } from '../store/store.js';
import { aucOfGroups } from './metrics/auc.js';
import { aucDifference } from './metrics/bootstrap.js';
import { ksOfGroups } from './metrics/ks.js';
import { countGroups, rankByScore } from './metrics/ranking.js';
import { rocOfGroups, thinCurve, type RocPoint } from './metrics/roc.js';
import { rounded } from './report-numbers.js';
import { EVALUATION_DEFAULTS } from './report-defaults.js';

export { EVALUATION_DEFAULTS };

export type EvaluationOptions = Partial<typeof EVALUATION_DEFAULTS>;

/** A variant of the score: as published, or without the network dimension. */
export const SCORE_VARIANTS = ['full', 'withoutNetwork'] as const;
export type ScoreVariant = (typeof SCORE_VARIANTS)[number];

export interface BandOutcome {
  band: string;
  persons: number;
  defaults: number;
  /** defaults / persons; null for an empty band. */
  defaultRate: number | null;
}

export interface VariantEvaluation {
  /** null when the segment has no defaults or no non-defaults. */
  auc: number | null;
  /** 2·AUC − 1 (accuracy ratio). */
  gini: number | null;
  ks: number | null;
  /** The score where the KS distance is reached. */
  ksAtScore: number | null;
  bands: BandOutcome[];
  /** ROC curve (decline scores ≤ `score`), at most `rocPoints` points. */
  roc: RocPoint[];
}

export interface SegmentEvaluation {
  persons: number;
  defaults: number;
  defaultRate: number | null;
  full: VariantEvaluation;
  withoutNetwork: VariantEvaluation;
  /** AUC(full) − AUC(withoutNetwork) with its bootstrap interval; null when the AUC is undefined. */
  aucDifference: { difference: number | null; lower: number | null; upper: number | null; standardError: number | null } | null;
}

export interface EvaluationReport {
  runId: string;
  modelVersion: string;
  asOf: string;
  /** Network weight of the model the variants were computed with. */
  networkWeight: number;
  outcomes: {
    /** Scored persons with an outcome (the evaluated population). */
    matched: number;
    /** Scored persons without one (left out). */
    scoredWithoutOutcome: number;
    /** Outcomes naming nobody the run scored (left out; only known when outcomes come from a file). */
    unmatched: number;
  };
  thinFile: { maxCreditEvents: number; definition: string };
  bootstrap: { replicates: number; confidence: number; seed: number };
  segments: { all: SegmentEvaluation; thinFile: SegmentEvaluation };
}

export interface EvaluationInput {
  run: { id: string; modelVersion: string; asOf: string };
  rows: readonly ReportRow[];
  model: Model;
  /** Outcomes naming nobody in `rows` (a file's extra rows), reported as `unmatched`. */
  unmatched?: number;
}

/**
 * @example
 * const report = evaluateRun({ run, rows: await store.reportRowsIn(run), model });
 * report.segments.all.full.auc;          // e.g. 0.72
 * report.segments.all.aucDifference;     // { difference: 0.004, lower: 0.002, upper: 0.006, … }
 */
export function evaluateRun(input: EvaluationInput, options: EvaluationOptions = {}): EvaluationReport {
  const o = { ...EVALUATION_DEFAULTS, ...options };
  const { rows, model, run } = input;
  const withOutcome = rows.filter((row) => row.defaulted !== undefined);
  const thin = withOutcome.filter((row) => row.creditEvents <= o.thinFileMaxEvents);
  return {
    runId: run.id,
    modelVersion: run.modelVersion,
    asOf: run.asOf,
    networkWeight: model.weights.network,
    outcomes: { matched: withOutcome.length, scoredWithoutOutcome: rows.length - withOutcome.length, unmatched: input.unmatched ?? 0 },
    thinFile: {
      maxCreditEvents: o.thinFileMaxEvents,
      definition: `at most ${o.thinFileMaxEvents} credit event${o.thinFileMaxEvents === 1 ? '' : 's'} on record at the as-of date`,
    },
    bootstrap: { replicates: o.replicates, confidence: o.confidence, seed: o.seed },
    segments: { all: evaluateSegment(withOutcome, model, o), thinFile: evaluateSegment(thin, model, o) },
  };
}

function evaluateSegment(rows: readonly ReportRow[], model: Model, o: typeof EVALUATION_DEFAULTS): SegmentEvaluation {
  const n = rows.length;
  const bad = new Uint8Array(n);
  const full = new Float64Array(n);
  const without = new Float64Array(n);
  rows.forEach((row, i) => {
    bad[i] = row.defaulted ? 1 : 0;
    full[i] = scoreOfDimensions(row.dimensions, model);
    without[i] = scoreWithoutNetwork(row.dimensions, model);
  });
  const defaults = bad.reduce((sum, b) => sum + b, 0);
  const rankings = [rankByScore(full), rankByScore(without)] as [ReturnType<typeof rankByScore>, ReturnType<typeof rankByScore>];
  const variant = (score: Float64Array, k: 0 | 1): VariantEvaluation => {
    const counts = countGroups(rankings[k], bad);
    const auc = aucOfGroups(counts);
    const { ks, atScore } = ksOfGroups(counts, rankings[k].groupScores);
    return {
      auc: rounded(auc),
      gini: rounded(2 * auc - 1),
      ks: rounded(ks),
      ksAtScore: rounded(atScore, 2),
      bands: bandOutcomes(score, bad),
      roc: thinCurve(rocOfGroups(counts, rankings[k].groupScores), o.rocPoints).map((p) => ({
        fpr: rounded(p.fpr, 5)!,
        tpr: rounded(p.tpr, 5)!,
        score: p.score === null ? null : rounded(p.score, 2),
      })),
    };
  };
  const fullEvaluation = variant(full, 0);
  let difference: SegmentEvaluation['aucDifference'] = null;
  if (fullEvaluation.auc !== null) {
    const d = aucDifference(full, without, bad, { replicates: o.replicates, confidence: o.confidence, seed: o.seed, rankings });
    difference = { difference: rounded(d.difference, 5), lower: rounded(d.lower, 5), upper: rounded(d.upper, 5), standardError: rounded(d.standardError, 5) };
  }
  return {
    persons: n,
    defaults,
    defaultRate: rounded(defaults / n),
    full: fullEvaluation,
    withoutNetwork: variant(without, 1),
    aucDifference: difference,
  };
}

/** Persons, defaults and default rate per band of the displayed (rounded) score. */
function bandOutcomes(score: Float64Array, bad: Uint8Array): BandOutcome[] {
  const persons = new Map<string, number>(BANDS.map((band) => [band.id, 0]));
  const defaults = new Map<string, number>(BANDS.map((band) => [band.id, 0]));
  for (let i = 0; i < score.length; i++) {
    const band = bandOf(Math.round(score[i]!)).id;
    persons.set(band, persons.get(band)! + 1);
    defaults.set(band, defaults.get(band)! + bad[i]!);
  }
  return BANDS.map((band) => ({
    band: band.id,
    persons: persons.get(band.id)!,
    defaults: defaults.get(band.id)!,
    defaultRate: rounded(defaults.get(band.id)! / persons.get(band.id)!),
  }));
}
