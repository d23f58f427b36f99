/** Recompute jobs for operators: start a full recompute, follow its progress. */
import { z } from 'zod';
import { isoDate } from '../../import/row-schemas.js';
import type { ApiDeps } from '../deps.js';
import { ApiProblem, notFound } from '../problem.js';
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
    summary: 'Enqueue a full recompute of every score',
    tag: 'jobs',
    access: { admin: 'any' },
    body: z.strictObject({ asOf: isoDate.optional().meta({ description: 'Scoring date YYYY-MM-DD; default today (UTC)' }) }).default({}),
    problems: [503],
    responses: { 202: { description: 'Enqueued', schema: jobSchema } },
    handler: async (ctx) => {
      const job = await jobsOrFail(ctx.deps).enqueue({ asOf: ctx.body.asOf, reason: `requested by key ${ctx.principal?.keyId}` });
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
    handler: async ({ params, deps }) => {
      const job = await jobsOrFail(deps).get(params.id);
      if (!job) throw notFound(`no job "${params.id}"`);
      return { body: job };
    },
  }),
];
