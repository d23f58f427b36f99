/**
 * Consents and the access log (DESIGN.md, "Private"): a subject lets a named consumer read
 * their score for a stated purpose until a date, revokes it at will, and sees every read of
 * their data — by whom, when, in which role and under which consent.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Consent } from '../../domain/safeguards.js';
import { accessLogWithExports } from '../../privacy/access-log-with-exports.js';
import { KEY_NAME } from '../auth/api-keys.js';
import { consentState } from '../auth/consents.js';
import { notFound, unprocessable } from '../problem.js';
import { subjectOf } from '../reads.js';
import { defineRoute } from '../route.js';
import { accessKindSchema, freeText, idParams, isoInstant, personParams, queryInt, roleSchema } from './schemas.js';

/** The longest a consent may run. */
export const MAX_CONSENT_DAYS = 366;

/** A consent as stored (and in a person's data export). */
export const consentRecordSchema = z.object({
  id: z.string(),
  personId: z.string(),
  consumer: z.string(),
  purpose: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
});

const consentSchema = consentRecordSchema.extend({ state: z.enum(['live', 'expired', 'revoked', 'pending']) }).meta({ id: 'Consent' });
const consentLocation = { Location: { description: 'The new consent (`GET` answers it)' } };

const view = (consent: Consent, now: Date) => ({ ...consent, state: consentState(consent, now) });

export const consentRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/consents',
    operationId: 'grantConsent',
    summary: 'Let a named consumer read my score for a purpose, until a time',
    tag: 'consents',
    access: { subject: 'any' },
    body: z.strictObject({
      consumer: z
        .string()
        .trim()
        .regex(KEY_NAME, 'must be a consumer name (1–64 letters, digits, spaces or ._@-)')
        // Restated without the flags the generator would copy into it (`…$/u`); the dialect is in the document's description.
        .meta({ pattern: KEY_NAME.source, description: 'The consumer key\'s name; the pattern uses Unicode property escapes (evaluate it with the `u` flag)' }),
      purpose: freeText(200),
      expiresAt: isoInstant,
    }),
    problems: [422],
    responses: { 201: { description: 'The consent', schema: consentSchema, headers: consentLocation } },
    example: { body: { consumer: 'acme-bank', purpose: 'a mortgage application', expiresAt: '2027-06-30T00:00:00Z' } },
    handler: async (ctx) => {
      const personId = subjectOf(ctx);
      const { body, now, deps } = ctx;
      const expires = new Date(body.expiresAt);
      if (expires <= now) throw unprocessable('expiresAt must be in the future');
      if (expires.getTime() - now.getTime() > MAX_CONSENT_DAYS * 86_400_000) throw unprocessable(`a consent may run at most ${MAX_CONSENT_DAYS} days`);
      const consumers = (await deps.store.listApiKeys()).filter((key) => key.role === 'consumer' && key.revokedAt === undefined);
      if (!consumers.some((key) => key.name === body.consumer)) throw unprocessable(`no consumer is named "${body.consumer}"`);
      const consent: Consent = {
        id: `cns_${randomBytes(8).toString('hex')}`,
        personId,
        consumer: body.consumer,
        purpose: body.purpose,
        grantedAt: now.toISOString(),
        expiresAt: expires.toISOString(),
      };
      await deps.store.createConsent(consent);
      return { status: 201, body: view(consent, now), headers: { Location: `/v1/consents/${consent.id}` } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/consents',
    operationId: 'listConsents',
    summary: 'My consents (live, expired and revoked)',
    tag: 'consents',
    access: { subject: 'any' },
    responses: { 200: { description: 'Oldest first', schema: z.object({ consents: z.array(consentSchema) }) } },
    handler: async (ctx) => {
      const consents = await ctx.deps.store.consentsOf(subjectOf(ctx));
      return { body: { consents: consents.map((consent) => view(consent, ctx.now)) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/consents/{id}',
    operationId: 'getConsent',
    summary: 'One of my consents',
    tag: 'consents',
    access: { subject: 'any' },
    params: idParams,
    problems: [404],
    responses: { 200: { description: 'The consent', schema: consentSchema } },
    example: { params: { id: 'cns_5f2c9a1e7b3d4c60' } },
    handler: async (ctx) => {
      const consent = await ctx.deps.store.getConsent(ctx.params.id);
      // Another person's consent is "not found", so ids cannot be probed.
      if (!consent || consent.personId !== subjectOf(ctx)) throw notFound(`you have no consent "${ctx.params.id}"`);
      return { body: view(consent, ctx.now) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/consents/{id}',
    operationId: 'revokeConsent',
    summary: 'Revoke one of my consents (at once)',
    tag: 'consents',
    access: { subject: 'any' },
    params: idParams,
    problems: [404],
    responses: { 200: { description: 'The revoked consent', schema: consentSchema } },
    example: { params: { id: 'cns_5f2c9a1e7b3d4c60' } },
    handler: async (ctx) => {
      const personId = subjectOf(ctx);
      const { store } = ctx.deps;
      const consent = await store.getConsent(ctx.params.id);
      // Another person's consent is "not found", so ids cannot be probed.
      if (!consent || consent.personId !== personId) throw notFound(`you have no consent "${ctx.params.id}"`);
      await store.revokeConsent(consent.id, ctx.now.toISOString());
      return { body: view((await store.getConsent(consent.id))!, ctx.now) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/persons/{id}/access-log',
    operationId: 'accessLog',
    summary: 'Who read this person\'s score or explanation, when, under which role or consent — and the bulk score exports that included them',
    tag: 'consents',
    access: { subject: 'self', analyst: 'any' },
    params: personParams,
    query: z.strictObject({ limit: queryInt(1, 1000, 100) }),
    problems: [404],
    responses: {
      200: {
        description: 'Newest first',
        schema: z.object({
          personId: z.string(),
          entries: z.array(
            z.object({
              at: z.string(),
              kind: accessKindSchema,
              role: roleSchema,
              keyId: z.string(),
              actor: z.string().nullable().meta({ description: 'The name of the key that read' }),
              consentId: z.string().optional(),
              exportId: z.string().optional().meta({ description: 'For kind score-export: the export that included the person' }),
              purpose: z.string().optional().meta({ description: 'The consent\'s purpose, or the score export\'s' }),
            }),
          ),
        }),
      },
    },
    handler: async ({ params, query, deps }) => {
      const { store } = deps;
      if (!(await store.getPerson(params.id))) throw notFound(`no person "${params.id}"`);
      const entries = await accessLogWithExports(store, params.id, query.limit);
      const keyIds = [...new Set(entries.map((entry) => entry.actor))];
      const consentIds = [...new Set(entries.flatMap((entry) => (entry.consentId ? [entry.consentId] : [])))];
      const [keys, consents] = await Promise.all([
        Promise.all(keyIds.map((id) => store.getApiKey(id))),
        Promise.all(consentIds.map((id) => store.getConsent(id))),
      ]);
      const names = new Map(keyIds.map((id, k) => [id, keys[k]?.name ?? null]));
      const purposes = new Map(consentIds.map((id, k) => [id, consents[k]?.purpose]));
      return {
        body: {
          personId: params.id,
          entries: entries.map((entry) => ({
            at: entry.at,
            kind: entry.kind,
            role: entry.role,
            keyId: entry.actor,
            actor: names.get(entry.actor) ?? null,
            ...(entry.consentId ? { consentId: entry.consentId, purpose: purposes.get(entry.consentId) } : {}),
            ...(entry.exportId ? { exportId: entry.exportId, purpose: entry.purpose } : {}),
          })),
        },
      };
    },
  }),
];
