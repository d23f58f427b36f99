/**
 * `GET /v1/persons/{id}/recourse`: what the person can do to raise their score, and what they
 * are not asked to change (README, "Recourse"; src/recourse). The subject for themselves and
 * analysts; every answer shows the score, so it is written to the access log like any read of it.
 *
 * The plans start from the person's records now, scored on the published run's date with the
 * run's model and the published network value; `publishedScore` is the run's score, which
 * differs only when records changed since the run.
 */
import { z } from 'zod';
import { recourseOfRecords } from '../../recourse/recourse.js';
import { conflict } from '../problem.js';
import { logAccess, servedScore } from '../reads.js';
import { defineRoute } from '../route.js';
import { bandId, personParams } from './schemas.js';

const changeSchema = z.object({
  code: z.string(),
  dimension: z.string(),
  label: z.string(),
  from: z.number().meta({ description: 'The value now (the measure\'s unit, e.g. a share in [0, 1])' }),
  to: z.number().meta({ description: 'The proposed value: the nearest value in the bin that earns more points' }),
  points: z.number().meta({ description: 'Score points this change brings, to 0.1' }),
  months: z.number().int().meta({ description: 'The time the change takes (model data)' }),
  text: z.string().meta({ description: 'A plain sentence, e.g. "Pay every utility and phone bill on time (within 6 months): Bills paid on time 91% → 95.1%, +28.4 points"' }),
});

const planSchema = z.object({
  score: z.number().int().meta({ description: 'The displayed score with the plan applied' }),
  exact: z.number().meta({ description: 'The score with the plan applied, to 0.1: recomputing the score with the proposed values gives it' }),
  points: z.number().meta({ description: 'Points the plan brings, to 0.1' }),
  months: z.number().int(),
  changes: z.array(changeSchema),
});

const recourseSchema = z
  .object({
    personId: z.string(),
    modelVersion: z.string(),
    runId: z.string(),
    asOf: z.string(),
    publishedScore: z.number().int(),
    score: z.number().int().meta({ description: 'The score the plans start from (the published one unless records changed since the run)' }),
    exact: z.number(),
    band: bandId,
    target: z.object({ score: z.number().int(), band: bandId, from: z.enum(['request', 'next-band']) }).nullable().meta({ description: 'null in the highest band with no target given' }),
    reachable: z.boolean(),
    highestReachable: z.number().int().meta({ description: 'The highest score actionable changes alone reach' }),
    summary: z.string(),
    minimalPlanCount: z.number().int().meta({ description: 'How many minimal plans there are; `plans` lists the smallest five' }),
    plans: z.array(planSchema).max(5).meta({ description: 'Minimal plans, fewest changes first: no proper subset of a plan reaches the target' }),
    highest: planSchema.meta({ description: 'Every actionable change at its largest' }),
    unknown: z.array(z.object({ code: z.string(), label: z.string(), text: z.string() })),
    notActionable: z
      .array(
        z.object({
          kind: z.enum(['network', 'past', 'identity', 'fixed', 'protected']),
          code: z.string().optional(),
          label: z.string(),
          points: z.number().optional(),
          text: z.string(),
        }),
      )
      .meta({ description: 'What the person is not asked to change: the past (with when it stops counting), identity facts, the network, protected attributes' }),
  })
  .meta({ id: 'Recourse' });

export const recourseRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/persons/{id}/recourse',
    operationId: 'getRecourse',
    summary: 'What the person can do to raise their score, and what they cannot',
    description:
      'The smallest sets of changes to actionable features (model data) that reach `target` — the next band when omitted — ' +
      'each with its points and a sentence; the highest reachable score when the target is out of reach; and what is not ' +
      'actionable (the past, identity facts, the network: tiescore never advises choosing or dropping contacts). Logged as a read.',
    tag: 'scores',
    access: { subject: 'self', analyst: 'any' },
    params: personParams,
    query: z.strictObject({
      target: z.optional(
        z.coerce
          .number({ error: 'must be a whole score' })
          .int('must be a whole score')
          .min(350, 'must be at least 350')
          .max(950, 'must be at most 950'),
      ).meta({ description: 'The score to reach (350–950); default: the lowest score of the next band' }),
    }),
    problems: [404, 409],
    responses: { 200: { description: 'The recourse answer', schema: recourseSchema } },
    handler: async (ctx) => {
      const { run, person, score, events } = await servedScore(ctx, ctx.params.id);
      const { model } = ctx.deps;
      if (score.modelVersion !== model.version) {
        throw conflict(`the published score was made with model ${score.modelVersion}; this service runs ${model.version}: recompute first`);
      }
      const answer = recourseOfRecords({ person, events, asOf: run.asOf, network: score.dimensions.network, model, target: ctx.query.target });
      await logAccess(ctx, ctx.params.id, 'recourse');
      return { body: { ...answer, runId: run.id, publishedScore: score.score } };
    },
  }),
];
