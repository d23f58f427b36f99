/**
 * Data-subject rights (README, "Data-subject rights"): a person's export — everything tiescore
 * holds about them, as JSON or as a zip of CSV files — and their erasure. Only the person
 * (subject key) and admins may export; an export is logged like any read. An admin erases at
 * once; a subject confirms first: the first DELETE answers 202 with a short-lived token bound
 * to the person and the key, and the DELETE repeated with `?confirm=TOKEN` erases. Erasure
 * enqueues an incremental recompute, which rescores the former contacts (marked changed in the
 * erasure's transaction) and everyone whose score that moves.
 */
import { z } from 'zod';
import { SEXES } from '../../domain/records.js';
import { erasePerson, erasureRecomputeReason } from '../../privacy/erase-person.js';
import { checkConfirmation, CONFIRMATION_TOKEN, issueConfirmation } from '../../privacy/erasure-confirmation.js';
import { withExportEntries } from '../../privacy/access-log-with-exports.js';
import { exportZip } from '../../privacy/export-csv.js';
import { buildPersonExport, EXPORT_FORMAT } from '../../privacy/person-export.js';
import { erasureHasherOf } from '../erasure.js';
import { ApiProblem, notFound, unprocessable } from '../problem.js';
import { callerOf, logAccess } from '../reads.js';
import { enqueueTargetedRecompute } from '../recompute-jobs.js';
import { defineRoute } from '../route.js';
import { consentRecordSchema } from './consents.js';
import { disputeSchema, nullableJob } from './disputes.js';
import { accessKindSchema, dimensionsSchema, personParams, reasonCodeSchema, roleSchema } from './schemas.js';

const exportSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    exportedAt: z.string(),
    person: z
      .object({
        id: z.string(),
        verified: z.boolean().optional(),
        accountCreated: z.string().optional(),
        incomeMonthly: z.number().optional(),
        debtMonthly: z.number().optional(),
        assets: z.number().optional(),
        billsOnTimeRatio: z.number().optional(),
        activityRegularity: z.number().optional(),
        addressChanges: z.number().optional(),
        birthYear: z.number().optional(),
        sex: z.enum(SEXES).optional(),
      })
      .meta({ description: 'The stored record (the import file\'s fields; an unknown attribute is absent)' }),
    events: z.array(
      z.object({
        id: z.string(),
        personId: z.string(),
        kind: z.string(),
        at: z.string(),
        amount: z.number(),
        source: z.string(),
        until: z.string().optional().meta({ description: 'Blacklistings: when the listing ends' }),
        status: z.enum(['active', 'disputed', 'removed']).meta({ description: 'Dispute status' }),
        disputeIds: z.array(z.string()),
      }),
    ),
    contacts: z
      .object({
        contacts: z.number().int(),
        friendships: z.number().int(),
        payees: z.number().int(),
        paymentsMade: z.number(),
        amountPaid: z.number(),
        payers: z.number().int(),
        paymentsReceived: z.number(),
        amountReceived: z.number(),
      })
      .meta({ description: 'Counts and types only: never who the contacts are or their scores' }),
    scores: z.array(
      z.object({
        runId: z.string(),
        runKind: z.enum(['full', 'incremental']).optional(),
        asOf: z.string().optional(),
        published: z.boolean(),
        publishedAt: z.string().optional(),
        score: z.number().int(),
        band: z.string(),
        dimensions: dimensionsSchema,
        reasonCodes: z.array(reasonCodeSchema),
        modelVersion: z.string(),
      }),
    ),
    consents: z.array(consentRecordSchema),
    disputes: z.array(disputeSchema),
    accessLog: z.array(
      z.object({
        personId: z.string(),
        at: z.string(),
        kind: accessKindSchema,
        actor: z.string(),
        role: roleSchema,
        consentId: z.string().optional(),
        exportId: z.string().optional(),
        purpose: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'PersonExport' });

const erasedSchema = z
  .object({
    status: z.literal('erased'),
    erasedAt: z.string(),
    removed: z.object({
      events: z.number().int(),
      friendships: z.number().int(),
      transactions: z.number().int(),
      scores: z.number().int(),
      consents: z.number().int(),
      disputes: z.number().int(),
      accessLog: z.number().int(),
      apiKeys: z.number().int(),
    }),
    contactsToRescore: z.number().int(),
    recompute: nullableJob,
    recomputeNote: z.string().optional(),
  })
  .meta({ id: 'Erasure' });

const confirmationSchema = z
  .object({
    status: z.literal('confirmation-required'),
    confirm: z.string().meta({ description: 'Repeat the DELETE with ?confirm=<this token> to erase' }),
    expiresAt: z.string(),
    detail: z.string(),
  })
  .meta({ id: 'ErasureConfirmation' });

/** A file name for the zip that no header parser can trip on. */
const zipName = (personId: string) => `tiescore-export-${personId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)}.zip`;

export const personRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/persons/{id}/export',
    operationId: 'exportPerson',
    summary: 'Everything tiescore holds about a person',
    description:
      'The record, credit events with their dispute status, contacts as counts and types (never who they are or their scores), ' +
      'every stored score with dimensions and reason codes, consents, disputes and access-log entries. `format=csv` answers a zip ' +
      'of CSV files (person, events, contacts, scores, consents, disputes, access_log). Logged as a read.',
    tag: 'persons',
    access: { subject: 'self', admin: 'any' },
    params: personParams,
    query: z.strictObject({ format: z.enum(['json', 'csv']).default('json').meta({ description: 'json: one document; csv: a zip of CSV files' }) }),
    problems: [404],
    responses: {
      200: {
        description: 'The export (JSON), or with format=csv a zip of CSV files (application/zip)',
        schema: exportSchema,
        alternatives: [{ contentType: 'application/zip', schema: z.string().meta({ format: 'binary' }) }],
      },
    },
    handler: async (ctx) => {
      const { store } = ctx.deps;
      const records = await store.personRecords(ctx.params.id);
      if (!records) throw notFound(`no person "${ctx.params.id}"`);
      records.accessLog = withExportEntries(ctx.params.id, records.accessLog, await store.scoreExportsIncluding(ctx.params.id, Number.MAX_SAFE_INTEGER));
      const doc = buildPersonExport(records, await store.listRuns(1000), ctx.now);
      await logAccess(ctx, ctx.params.id, 'export');
      const headers = { 'Cache-Control': 'no-store' };
      if (ctx.query.format === 'json') return { body: doc, headers };
      return {
        body: Buffer.from(exportZip(doc)),
        contentType: 'application/zip',
        headers: { ...headers, 'Content-Disposition': `attachment; filename="${zipName(ctx.params.id)}"` },
      };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/persons/{id}',
    operationId: 'erasePerson',
    summary: 'Erase a person and everything about them',
    description:
      'Deletes the person, their events, edges, scores, consents, disputes, access-log entries and subject keys; keeps only an erasure ' +
      'record (a salted hash of the id, the time, the key that asked), so an import cannot bring the person back without `--allow-erased`. ' +
      'Enqueues an incremental recompute of the former contacts and everyone the change reaches. An admin erases at once; a subject gets ' +
      '202 with a token valid 10 minutes and erases by repeating the request with `?confirm=TOKEN`.',
    tag: 'persons',
    access: { admin: 'any', subject: 'self' },
    params: personParams,
    query: z.strictObject({
      confirm: z.string().regex(CONFIRMATION_TOKEN, 'must be the token of a confirmation response').optional().meta({ description: 'Subjects: the token of the 202 response' }),
    }),
    problems: [404, 422],
    responses: {
      200: { description: 'Erased', schema: erasedSchema },
      202: { description: 'Subjects: nothing erased yet; confirm with the token', schema: confirmationSchema },
    },
    handler: async (ctx) => {
      const { store, jobs } = ctx.deps;
      const principal = callerOf(ctx);
      const personId = ctx.params.id;
      const hasher = erasureHasherOf(ctx.deps);
      if (!(await store.getPerson(personId))) throw notFound(`no person "${personId}"`);
      if (principal.role === 'subject') {
        const salt = await hasher.saltInUse();
        if (ctx.query.confirm === undefined) {
          const { token, expiresAt } = issueConfirmation(salt, personId, principal.keyId, ctx.now);
          const detail = `this erases all your data for good: repeat this request with ?confirm=${token} before ${expiresAt} to go ahead`;
          return { status: 202, body: { status: 'confirmation-required', confirm: token, expiresAt, detail } };
        }
        const check = checkConfirmation(salt, ctx.query.confirm, personId, principal.keyId, ctx.now);
        if (check === 'invalid') throw unprocessable('the confirmation token is not valid for this person and key; ask for a new one with a DELETE without ?confirm');
        if (check === 'expired') throw unprocessable('the confirmation token has expired; ask for a new one with a DELETE without ?confirm');
      }
      const outcome = await erasePerson(store, hasher, personId, { requestedBy: principal.keyId, role: principal.role }, ctx.now);
      if (!outcome) throw notFound(`no person "${personId}"`);
      ctx.deps.networkViews.invalidate?.();
      ctx.services.scores.forget(personId);
      let recompute = null;
      let recomputeNote: string | undefined;
      if (!jobs) {
        recomputeNote = 'no job queue is configured; the next scheduled recompute rescores the former contacts';
      } else {
        try {
          recompute = await enqueueTargetedRecompute(jobs, store, erasureRecomputeReason(outcome.record));
        } catch (error) {
          // The erasure stands; the next scheduled recompute rescores the former contacts.
          if (!(error instanceof ApiProblem)) throw error;
          recomputeNote = `${error.message}; the next scheduled recompute rescores the former contacts`;
        }
      }
      const { contactsMarked, ...removed } = outcome.counts;
      return {
        body: { status: 'erased', erasedAt: outcome.record.at, removed, contactsToRescore: contactsMarked, recompute, ...(recomputeNote ? { recomputeNote } : {}) },
      };
    },
  }),
];
