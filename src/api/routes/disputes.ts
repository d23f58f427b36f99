/**
 * Disputes (DESIGN.md, "Contestable"): a subject contests one of their credit events; while
 * the dispute is open the event is `disputed` (left out or flagged at the next recompute, per
 * the model). An analyst upholds it (the event is `removed`) or rejects it (the event is
 * `active` again), always with a note; either way a recompute is enqueued when a job queue is
 * configured, so the person's score — and everyone the change reaches — is brought up to date.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Dispute } from '../../domain/safeguards.js';
import { externalId } from '../../import/row-schemas.js';
import { ApiProblem, conflict, notFound } from '../problem.js';
import { callerOf, subjectOf } from '../reads.js';
import { enqueueTargetedRecompute, JOB_STATES } from '../recompute-jobs.js';
import { defineRoute } from '../route.js';
import { disputeStatusSchema, freeText, idParams, queryInt } from './schemas.js';

export const disputeSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    eventId: z.string(),
    reason: z.string(),
    status: disputeStatusSchema,
    openedAt: z.string(),
    resolvedAt: z.string().optional(),
    resolvedBy: z.string().optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'Dispute' });

export const jobSchema = z
  .object({
    id: z.string(),
    state: z.enum(JOB_STATES),
    runId: z.string().optional(),
    reason: z.string().optional(),
    kind: z.enum(['full', 'incremental']).optional(),
    asOf: z.string().optional(),
    progress: z.object({ step: z.string(), done: z.number(), total: z.number() }).optional(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    published: z.boolean().optional(),
    failedReason: z.string().optional(),
  })
  .meta({ id: 'Job' });

/**
 * A job, or null when none was enqueued. A union rather than `jobSchema.nullable()`, which the
 * generator would write into the shared `Job` component (making every job nullable).
 */
export const nullableJob = z.union([jobSchema, z.null()]);

const text = (max: number) => freeText(max, { lines: true });

export const disputeRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/disputes',
    operationId: 'openDispute',
    summary: 'Contest one of my credit events',
    description: 'The event becomes `disputed` at once; it is left out (or flagged, per the model) from the next recompute on.',
    tag: 'disputes',
    access: { subject: 'any' },
    body: z.strictObject({ eventId: externalId, reason: text(2000) }),
    problems: [404, 409],
    responses: { 201: { description: 'The dispute', schema: disputeSchema, headers: { Location: { description: 'The new dispute (`GET` answers it)' } } } },
    example: { body: { eventId: 'e000042-0', reason: 'This default was settled in full; the lender has the receipt.' } },
    handler: async (ctx) => {
      const personId = subjectOf(ctx);
      const { store } = ctx.deps;
      const event = (await store.eventsOf(personId)).find((e) => e.id === ctx.body.eventId);
      if (!event) throw notFound(`there is no event "${ctx.body.eventId}" on your record`);
      if (event.status !== 'active') throw conflict(`event "${event.id}" is ${event.status} already`);
      const dispute: Dispute = {
        id: `dsp_${randomBytes(8).toString('hex')}`,
        personId,
        eventId: event.id,
        reason: ctx.body.reason,
        status: 'open',
        openedAt: ctx.now.toISOString(),
      };
      await store.createDispute(dispute);
      await store.setEventStatus(event.id, 'disputed');
      return { status: 201, body: dispute, headers: { Location: `/v1/disputes/${dispute.id}` } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/disputes',
    operationId: 'listDisputes',
    summary: 'Disputes, oldest first',
    tag: 'disputes',
    access: { analyst: 'any' },
    query: z.strictObject({ status: disputeStatusSchema.optional(), offset: queryInt(0, 1_000_000, 0), limit: queryInt(1, 500, 100) }),
    responses: { 200: { description: 'Disputes', schema: z.object({ total: z.number().int(), disputes: z.array(disputeSchema) }) } },
    handler: async ({ query, deps }) => {
      const all = await deps.store.listDisputes(query.status);
      return { body: { total: all.length, disputes: all.slice(query.offset, query.offset + query.limit) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/disputes/{id}',
    operationId: 'getDispute',
    summary: 'One dispute: analysts any, a subject their own',
    tag: 'disputes',
    access: { analyst: 'any', subject: 'any' },
    params: idParams,
    problems: [404],
    responses: { 200: { description: 'The dispute', schema: disputeSchema } },
    example: { params: { id: 'dsp_8a41c7e2b9f03d15' } },
    handler: async (ctx) => {
      const dispute = await ctx.deps.store.getDispute(ctx.params.id);
      // Another person's dispute is "not found" to a subject, so ids cannot be probed.
      const visible = dispute && (ctx.principal?.role !== 'subject' || dispute.personId === subjectOf(ctx));
      if (!visible) throw notFound(`no dispute "${ctx.params.id}"`);
      return { body: dispute };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/disputes/{id}',
    operationId: 'resolveDispute',
    summary: 'Uphold (the event is removed) or reject (the event stays) an open dispute',
    description: 'Enqueues a recompute when a job queue is configured; the response names the job.',
    tag: 'disputes',
    access: { analyst: 'any' },
    params: idParams,
    body: z.strictObject({ decision: z.enum(['uphold', 'reject']), note: text(2000) }),
    problems: [404, 409],
    responses: { 200: { description: 'The resolved dispute and the recompute job', schema: z.object({ dispute: disputeSchema, recompute: nullableJob, recomputeNote: z.string().optional() }) } },
    example: { params: { id: 'dsp_8a41c7e2b9f03d15' }, body: { decision: 'uphold', note: 'The lender confirmed the settlement.' } },
    handler: async (ctx) => {
      const { store, jobs } = ctx.deps;
      const dispute = await store.getDispute(ctx.params.id);
      if (!dispute) throw notFound(`no dispute "${ctx.params.id}"`);
      if (dispute.status !== 'open') throw conflict(`dispute "${dispute.id}" was ${dispute.status} already`);
      const status = ctx.body.decision === 'uphold' ? 'upheld' : 'rejected';
      await store.setEventStatus(dispute.eventId, status === 'upheld' ? 'removed' : 'active');
      const patch = { status, resolvedAt: ctx.now.toISOString(), resolvedBy: callerOf(ctx).keyId, note: ctx.body.note } as const;
      await store.updateDispute(dispute.id, patch);
      let recompute = null;
      let recomputeNote: string | undefined;
      if (!jobs) {
        recomputeNote = 'no job queue is configured; the next scheduled recompute applies the decision';
      } else {
        try {
          recompute = await enqueueTargetedRecompute(jobs, store, `dispute ${dispute.id} ${status} (person ${dispute.personId})`);
        } catch (error) {
          // The decision stands; the next scheduled recompute applies it.
          if (!(error instanceof ApiProblem)) throw error;
          recomputeNote = `${error.message}; the next scheduled recompute applies the decision`;
        }
      }
      return { body: { dispute: { ...dispute, ...patch }, recompute, ...(recomputeNote ? { recomputeNote } : {}) } };
    },
  }),
];
