/**
 * A person's score, its explanation and its history — the reads DESIGN.md's "Private"
 * safeguard is about: the subject sees their own, analysts see anyone's, a consumer sees a
 * score only under the subject's live consent, and every read of a score, explanation or
 * history appends an access-log entry naming the key, its role and the consent used.
 */
import { z } from 'zod';
import { displayReasonCodes, roundShares } from '../../domain/display-numbers.js';
import { buildExplanation } from '../explanation.js';
import { callerOf, logAccess, logAccessMany, servedScore, servedScoreLogged } from '../reads.js';
import { notFound } from '../problem.js';
import { defineRoute } from '../route.js';
import { bandId, dimensionsSchema, personParams, reasonCodeSchema, scoreSchema } from './schemas.js';

const explanationSchema = z
  .looseObject({
    personId: z.string(),
    score: z.number().int(),
    band: bandId,
    modelVersion: z.string(),
    runId: z.string(),
    asOf: z.string(),
    base: z.literal(350),
    reference: z
      .object({ method: z.literal('average'), description: z.string() })
      .meta({ description: 'What points lost and reason codes are measured against: a typical person (features: their average points; network: the prior)' }),
    dimensions: z.array(
      z.object({
        dimension: z.string(),
        value: z.number().meta({ description: 'In [0, 1], to 3 places' }),
        weight: z.number(),
        points: z.number().meta({ description: 'Score points earned, to 0.1' }),
        maxPoints: z.number(),
        referencePoints: z.number().nullable().meta({ description: 'Score points of a typical person (network: at the prior); null when the prior is unknown' }),
        pointsVsReference: z.number().nullable().meta({ description: 'points − referencePoints: negative where the dimension costs points' }),
      }),
    ),
    reasonCodes: z.array(reasonCodeSchema),
    features: z
      .record(
        z.string(),
        z.array(
          z.object({
            code: z.string(),
            label: z.string().meta({ description: 'Neutral label, e.g. "Bills paid on time"' }),
            text: z.string().meta({ description: 'The label with the value, e.g. "Defaults on record: none"; "…: unknown" when unknown' }),
            measure: z.string(),
            value: z.number().nullable().meta({ description: 'The measured value; null when unknown' }),
            missing: z.boolean().meta({ description: 'The value is unknown and earned the model\'s missing points' }),
            points: z.number(),
            maxPoints: z.number(),
            referencePoints: z.number().meta({ description: 'The average points of the calibration population (the reference)' }),
            reason: z.string().optional().meta({ description: 'Adverse reason, only where the feature cost points against the reference' }),
            pointsLost: z.number().optional().meta({ description: 'Score points lost against the reference, to 0.1' }),
          }),
        ),
      )
      .nullable()
      .meta({ description: 'Per-feature points of the own dimensions; null when today\'s records no longer reproduce the stored score' }),
    // Every field the server may send is named; which ones depends on availability and audience (see each description).
    network: z.object({
      available: z.boolean(),
      reason: z.string().optional().meta({ description: 'When not available: why' }),
      consistentWithScore: z.boolean().optional().meta({ description: 'The network value reproduces the stored score\'s network dimension' }),
      value: z.number().optional().meta({ description: 'The network dimension: the network value n, or ½ + clamp((n − μ)/2h, ±½) under a model with a network band' }),
      prior: z.number().optional().meta({ description: 'The network dimension of a person without contacts: μ, or ½ in a band' }),
      mu: z.number().optional().meta({ description: 'μ, the mean own score of the verified persons, which thin networks are shrunk towards' }),
      bandHalfWidth: z.number().nullable().optional().meta({ description: 'The model\'s network band half-width h; null without a band' }),
      pointsFromContacts: z
        .number()
        .optional()
        .meta({ description: '600 · w_network · (value − prior): what the score would change by if the person had no contacts, to 0.1' }),
      contacts: z.number().int().optional(),
      contactWeight: z.number().optional(),
      priorShare: z.number().optional(),
      bandMix: z.record(z.string(), z.number().int()).nullable().optional(),
      withheld: z
        .string()
        .optional()
        .meta({ description: 'Subjects with fewer than 3 contacts: why the prior, contact weight, prior share and band mix are left out' }),
      contributions: z
        .array(z.object({ personId: z.string().nullable(), weight: z.number(), share: z.number(), value: z.number(), contribution: z.number(), points: z.number() }))
        .optional()
        .meta({ description: 'Analysts only: each contact\'s exact share of the network value (in a band, `value` is the contact\'s smoothed score on the band\'s scale)' }),
      priorShrinkage: z.number().optional().meta({ description: 'Analysts only: (1 − s)·prior, the pull towards the prior because the network is thin, to 6 places' }),
      priorDeficit: z.number().optional().meta({ description: 'Analysts only: s·(1 − r)·prior, the capped excess and trust deficit given to the prior, to 6 places' }),
      otherContributions: z.number().optional().meta({ description: 'Analysts only: the sum of the contributions left out of the list, to 6 places' }),
    }),
  })
  .meta({ id: 'Explanation' });

const historySchema = z.object({
  personId: z.string(),
  scores: z.array(
    z.object({
      runId: z.string(),
      asOf: z.string(),
      publishedAt: z.string().optional(),
      score: z.number().int(),
      band: bandId,
      dimensions: dimensionsSchema,
      reasonCodes: z.array(reasonCodeSchema),
      modelVersion: z.string(),
    }),
  ),
});

export const scoreRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/persons/{id}/score',
    operationId: 'getScore',
    summary: "A person's published score",
    description: 'Score, band, five dimensions, reason codes, model version and run. Every read is written to the access log.',
    tag: 'scores',
    access: { subject: 'self', analyst: 'any', consumer: 'consent' },
    params: personParams,
    problems: [404],
    responses: { 200: { description: 'The score', schema: scoreSchema } },
    handler: async (ctx) => {
      const { run, score, disputedEventIds } = await servedScoreLogged(ctx, ctx.params.id, 'score');
      return {
        body: {
          personId: score.personId,
          score: score.score,
          band: score.band,
          dimensions: roundShares(score.dimensions),
          reasonCodes: displayReasonCodes(score.reasonCodes),
          modelVersion: score.modelVersion,
          runId: run.id,
          asOf: run.asOf,
          publishedAt: run.publishedAt,
          disputedEvents: disputedEventIds,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/persons/{id}/explanation',
    operationId: 'getExplanation',
    summary: 'Why the score is what it is',
    description:
      'Points per dimension, reason codes, the features of the own dimensions and the network part: aggregates for the subject ' +
      '(number of contacts, their band mix, the prior\'s share), contact by contact for an analyst. Logged as a read.',
    tag: 'scores',
    access: { subject: 'self', analyst: 'any' },
    params: personParams,
    problems: [404],
    responses: { 200: { description: 'The explanation', schema: explanationSchema } },
    handler: async (ctx) => {
      const served = await servedScore(ctx, ctx.params.id);
      const view = await ctx.deps.networkViews.current();
      const audience = callerOf(ctx).role === 'analyst' ? 'analyst' : 'subject';
      const body = await buildExplanation(served, view, ctx.deps, audience);
      await logAccess(ctx, ctx.params.id, 'explanation');
      // An analyst's explanation lists contacts' smoothed scores: each listed contact's data left too.
      const listed = (body.network as { contributions?: { personId: string | null }[] }).contributions ?? [];
      await logAccessMany(ctx, listed.flatMap((c) => (c.personId === null ? [] : [c.personId])), 'network');
      return { body };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/persons/{id}/history',
    operationId: 'getHistory',
    summary: "A person's scores across published runs, newest first",
    tag: 'scores',
    access: { subject: 'self', analyst: 'any' },
    params: personParams,
    problems: [404],
    responses: { 200: { description: 'The history', schema: historySchema } },
    handler: async (ctx) => {
      const { store } = ctx.deps;
      if (!(await store.getPerson(ctx.params.id))) throw notFound(`no person "${ctx.params.id}"`);
      const [history, runs] = await Promise.all([store.scoreHistory(ctx.params.id), store.listRuns(1000)]);
      const published = new Map(runs.filter((run) => run.publishedAt !== undefined).map((run) => [run.id, run]));
      await logAccess(ctx, ctx.params.id, 'history');
      return {
        body: {
          personId: ctx.params.id,
          scores: history.flatMap((score) => {
            const run = published.get(score.runId);
            if (!run) return [];
            return [{ runId: run.id, asOf: run.asOf, publishedAt: run.publishedAt, score: score.score, band: score.band, dimensions: roundShares(score.dimensions), reasonCodes: displayReasonCodes(score.reasonCodes), modelVersion: score.modelVersion }];
          }),
        },
      };
    },
  }),
];
