/**
 * Model reports for analysts (and operators): the backtest of the published run against the
 * stored outcomes — does the network dimension earn its place? — and the fairness report per
 * protected group, each with and without the network dimension. Both are computed from one
 * store read of the published scores and cached per run (src/reports/published-reports.ts);
 * they show aggregates only, never a person's score, so they write no access-log entries. The
 * fairness report reads protected attributes, so it answers only at the configured cut-offs,
 * withholds small cells (src/reports/fairness.ts), and records every request (`ReportRead`).
 */
import { z } from 'zod';
import { SCORE_MAX, SCORE_MIN } from '../../score/index.js';
import { FAIRNESS_DEFAULTS } from '../../reports/fairness.js';
import { ReportUnavailableError } from '../../reports/published-reports.js';
import { API_ROLES } from '../../domain/safeguards.js';
import { DEFAULT_API_OPTIONS } from '../deps.js';
import { notFound, validationFailed } from '../problem.js';
import { defineRoute } from '../route.js';
import { queryInt } from './schemas.js';

const nullableNumber = z.number().nullable();

const rocPoint = z.object({
  fpr: z.number().meta({ description: 'Share of non-defaulters declined at this cut-off' }),
  tpr: z.number().meta({ description: 'Share of defaulters declined at this cut-off' }),
  score: nullableNumber.meta({ description: 'Decline scores at or below this (null: decline nobody)' }),
});

const variantEvaluation = z.object({
  auc: nullableNumber,
  gini: nullableNumber,
  ks: nullableNumber,
  ksAtScore: nullableNumber,
  bands: z.array(z.object({ band: z.string(), persons: z.number().int(), defaults: z.number().int(), defaultRate: nullableNumber })),
  roc: z.array(rocPoint).max(200).meta({ description: 'ROC curve, at most 200 points, from (0, 0) to (1, 1)' }),
});

const segmentEvaluation = z.object({
  persons: z.number().int(),
  defaults: z.number().int(),
  defaultRate: nullableNumber,
  full: variantEvaluation,
  withoutNetwork: variantEvaluation,
  aucDifference: z
    .object({ difference: nullableNumber, lower: nullableNumber, upper: nullableNumber, standardError: nullableNumber })
    .nullable()
    .meta({ description: 'AUC(full) − AUC(withoutNetwork) with its paired bootstrap interval' }),
});

export const evaluationSchema = z
  .object({
    runId: z.string(),
    modelVersion: z.string(),
    asOf: z.string(),
    networkWeight: z.number(),
    outcomes: z.object({ matched: z.number().int(), scoredWithoutOutcome: z.number().int(), unmatched: z.number().int() }),
    thinFile: z.object({ maxCreditEvents: z.number().int(), definition: z.string() }),
    bootstrap: z.object({ replicates: z.number().int(), confidence: z.number(), seed: z.number().int() }),
    segments: z.object({ all: segmentEvaluation, thinFile: segmentEvaluation }),
  })
  .meta({ id: 'EvaluationReport' });

const groupVariant = z.object({
  approved: z.number().int().nullable().meta({ description: 'Null when the group, or either side of the cut-off, has fewer than minGroupSize persons' }),
  approvalRate: nullableNumber,
  adverseImpactRatio: nullableNumber,
  flagged: z.boolean(),
  suppressed: z.boolean().meta({ description: 'The approval counts are withheld (see approved)' }),
  meanScore: nullableNumber,
  percentiles: z.object({ p10: nullableNumber, p25: nullableNumber, p50: nullableNumber, p75: nullableNumber, p90: nullableNumber }),
  bandShares: z.record(z.string(), nullableNumber).meta({ description: 'Null for a cell of fewer than minGroupSize persons (and its complement)' }),
});

export const fairnessSchema = z
  .object({
    runId: z.string(),
    modelVersion: z.string(),
    asOf: z.string(),
    networkWeight: z.number(),
    cutoff: z.number().int(),
    cutoffs: z.array(z.number().int()).meta({ description: 'The cut-offs this server answers at (FAIRNESS_CUTOFFS)' }),
    threshold: z.number(),
    minGroupSize: z.number().int(),
    persons: z.number().int(),
    attributes: z.array(
      z.object({
        attribute: z.enum(['sex', 'ageBand']),
        reference: z.object({ full: z.string().nullable(), withoutNetwork: z.string().nullable() }),
        groups: z.array(z.object({ group: z.string(), persons: z.number().int(), full: groupVariant, withoutNetwork: groupVariant })),
      }),
    ),
    flags: z.array(z.object({ attribute: z.string(), group: z.string(), variant: z.enum(['full', 'withoutNetwork']), adverseImpactRatio: z.number() })),
  })
  .meta({ id: 'FairnessReport' });

const reportReadSchema = z.object({
  report: z.enum(['fairness']),
  at: z.string(),
  actor: z.string().meta({ description: 'The API key id that asked' }),
  role: z.enum(API_ROLES),
  cutoff: z.number().int(),
});

/** A report that cannot be made yet is a 404 problem naming why. */
async function orNotFound<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReportUnavailableError) throw notFound(error.message);
    throw error;
  }
}

export const reportRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/reports/evaluation',
    operationId: 'evaluationReport',
    summary: 'Backtest of the published run: AUC, KS and default rate per band, with and without the network dimension',
    description:
      'Against the stored outcomes (`tiescore import --outcomes FILE` or `POST /v1/ingest/outcomes`), for everybody with an outcome and for ' +
      'thin-file persons (at most one credit event on record): AUC, Gini, KS, default rate per band and the ROC curve (≤ 200 points) of the ' +
      'published score and of the score without the network dimension (350 + 600·Σ_{k≠network} w_k·d_k / Σ_{k≠network} w_k), and a paired ' +
      'bootstrap confidence interval of the AUC difference. Computed once per published run and outcomes revision. 404 when no run is ' +
      'published or no outcome is stored.',
    tag: 'reports',
    access: { analyst: 'any', admin: 'any' },
    problems: [404],
    responses: { 200: { description: 'The evaluation report', schema: evaluationSchema } },
    handler: async ({ services }) => ({ body: await orNotFound(() => services.reports.evaluation()) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reports/fairness',
    operationId: 'fairnessReport',
    summary: 'Score distribution, approval rate and adverse impact ratio per protected group, with and without the network dimension',
    description:
      'Groups: sex as recorded, and age bands from the birth year at the run\'s as-of date. A person is approved when their displayed score is ' +
      'at least `cutoff`; the adverse impact ratio is a group\'s approval rate over that of the most-approved group (of at least `minGroupSize` ' +
      'persons), and ratios under 0.8 (the four-fifths rule) are flagged. Protected attributes are read for this report only; they never enter a score.',
    tag: 'reports',
    access: { analyst: 'any', admin: 'any' },
    query: z.strictObject({
      cutoff: z.coerce
        .number({ error: 'must be a whole number' })
        .int('must be a whole number')
        .min(SCORE_MIN, `must be at least ${SCORE_MIN}`)
        .max(SCORE_MAX, `must be at most ${SCORE_MAX}`)
        .optional()
        .meta({ description: `Approve at or above this score: one of the configured cut-offs (FAIRNESS_CUTOFFS; default ${FAIRNESS_DEFAULTS.cutoff} when configured, else the lowest)` }),
    }),
    problems: [404],
    responses: { 200: { description: 'The fairness report', schema: fairnessSchema } },
    handler: async ({ query, services, deps, principal, now }) => {
      const cutoffs = deps.options?.fairnessCutoffs ?? DEFAULT_API_OPTIONS.fairnessCutoffs;
      const cutoff = query.cutoff ?? (cutoffs.includes(FAIRNESS_DEFAULTS.cutoff) ? FAIRNESS_DEFAULTS.cutoff : cutoffs[0]!);
      // Arbitrary cut-offs would difference into each group's exact score histogram (issue 19).
      if (!cutoffs.includes(cutoff)) throw validationFailed([{ field: 'query.cutoff', message: `must be one of the configured cut-offs ${cutoffs.join(', ')}` }]);
      const report = await orNotFound(() => services.reports.fairness(cutoff));
      await deps.store.appendReportRead({ report: 'fairness', at: now.toISOString(), actor: principal!.keyId, role: principal!.role, cutoff });
      return { body: { ...report, cutoffs: [...cutoffs] } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reports/reads',
    operationId: 'reportReads',
    summary: 'Who asked for the fairness report, when, under which role and at which cut-off, newest first',
    description: 'Every answered `GET /v1/reports/fairness` is recorded before it is answered: the report reads protected attributes.',
    tag: 'reports',
    access: { admin: 'any' },
    query: z.strictObject({ limit: queryInt(1, 1000, 100).meta({ description: 'At most this many records (default 100)' }) }),
    responses: { 200: { description: 'The recorded requests', schema: z.object({ reads: z.array(reportReadSchema) }) } },
    handler: async ({ query, deps }) => ({ body: { reads: await deps.store.reportReads(query.limit) } }),
  }),
];
