/** Recompute jobs for operators: start a full or incremental recompute, follow its progress. */
import { z } from 'zod';
import { isoDate } from '../../import/row-schemas.js';
import type { ApiDeps } from '../deps.js';
import { incrementalBase, NoIncrementalBaseError } from '../../jobs/recompute/run-lifecycle.js';
import { ApiProblem, conflict, notFound } from '../problem.js';
import type { RecomputeJobs } from '../recompute-jobs.js';
import { defineRoute } from '../route.js';
import { jobSchema } from './disputes.js';
import { idParams } from './schemas.js';

function jobsOrFail(deps: ApiDeps): RecomputeJobs {
  if (!deps.jobs) throw new ApiProblem('service-unavailable', 'no job queue is configured for this server');
  return deps.jobs;
}

export const jobRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/jobs/recompute',
    operationId: 'startRecompute',
    summary: 'Enqueue a recompute: full (every score) or incremental (what changed since the published run)',
    tag: 'jobs',
    access: { admin: 'any' },
    body: z
      .strictObject({
        kind: z.enum(['full', 'incremental']).default('full').meta({ description: '`incremental` rescores the persons whose data changed since the published run and those the change reaches, at that run\'s as-of date' }),
        asOf: isoDate.optional().meta({ description: 'Scoring date YYYY-MM-DD of a full run; default today (UTC)' }),
      })
      .refine((body) => body.kind === 'full' || body.asOf === undefined, { message: 'an incremental run scores at the published run\'s as-of date; asOf is only for full runs', path: ['asOf'] })
      .default({ kind: 'full' }),
    problems: [409, 503],
    responses: { 202: { description: 'Enqueued', schema: jobSchema, headers: { Location: { description: 'The job (`GET` answers it)' } } } },
    example: { body: { kind: 'full', asOf: '2026-06-30' } },
    handler: async (ctx) => {
      const { kind, asOf } = ctx.body;
      if (kind === 'incremental') {
        await incrementalBase(ctx.deps.store).catch((error: unknown) => {
          throw error instanceof NoIncrementalBaseError ? conflict(error.message) : error; // a store outage stays a 503
        });
      }
      const job = await jobsOrFail(ctx.deps).enqueue({ kind, asOf, reason: `requested by key ${ctx.principal?.keyId}` });
      return { status: 202, body: job, headers: { Location: `/v1/jobs/${job.id}` } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/jobs/{id}',
    operationId: 'getJob',
    summary: 'A recompute job: state, step and progress',
    tag: 'jobs',
    access: { admin: 'any' },
    params: idParams,
    problems: [404, 503],
    responses: { 200: { description: 'The job', schema: jobSchema } },
    example: { params: { id: '1' } },
    handler: async ({ params, deps }) => {
      const job = await jobsOrFail(deps).get(params.id);
      if (!job) throw notFound(`no job "${params.id}"`);
      return { body: job };
    },
  }),
];
