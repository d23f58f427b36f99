/**
 * The published run as the analyst page's population view shows it: which run is served
 * (id, dates, model version) and the score distribution of the population it serves — counts
 * per band and a histogram. Aggregates only, so no access-log entry: no person's score is shown.
 *
 * The distribution is counted from the served scores (the network view's copy, loaded once per
 * run), not from the run's stats: an incremental run's stats cover only the persons it rescored.
 */
import { z } from 'zod';
import { scoreDistribution } from '../../analysis/score-distribution.js';
import { notFound } from '../problem.js';
import { defineRoute } from '../route.js';
import { bandId, queryInt } from './schemas.js';

export const runRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/runs/published',
    operationId: 'publishedRun',
    summary: 'The published run and the score distribution it serves',
    description:
      'Run id, kind, model version, as-of and publication dates, and the served population\'s score distribution: counts per band and ' +
      'a histogram of `binWidth`-point bins from 350 (the last bin also holds 950). 404 while no run is published.',
    tag: 'runs',
    access: { analyst: 'any', admin: 'any' },
    query: z.strictObject({ binWidth: queryInt(5, 100, 25) }),
    problems: [404],
    responses: {
      200: {
        description: 'The served run and its distribution',
        schema: z.object({
          runId: z.string(),
          kind: z.enum(['full', 'incremental']),
          modelVersion: z.string(),
          asOf: z.string(),
          startedAt: z.string(),
          finishedAt: z.string().nullable(),
          publishedAt: z.string().nullable(),
          scored: z.number().int(),
          meanScore: z.number().nullable(),
          bands: z.array(z.object({ band: bandId, label: z.string(), min: z.number().int(), max: z.number().int(), count: z.number().int() })),
          histogram: z.object({
            binWidth: z.number().int(),
            bins: z.array(z.object({ from: z.number().int(), to: z.number().int(), count: z.number().int() })),
          }),
        }),
      },
    },
    handler: async ({ query, deps }) => {
      const view = await deps.networkViews.current();
      if (!view) throw notFound('no score run has been published yet');
      const { run } = view;
      const distribution = scoreDistribution(await view.scores(), query.binWidth);
      return {
        body: {
          runId: run.id,
          kind: run.kind,
          modelVersion: run.modelVersion,
          asOf: run.asOf,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt ?? null,
          publishedAt: run.publishedAt ?? null,
          ...distribution,
        },
      };
    },
  }),
];
