/**
 * Signed attestations (DESIGN.md, "Unforgeable"): the subject gets a short-lived compact JWS
 * of their published score and band to hand to anyone; anyone checks it here or, offline,
 * with the keys at `/.well-known/jwks.json`.
 */
import { z } from 'zod';
import { MAX_ATTESTATION_SECONDS, signAttestation, verifyAttestation } from '../attestation/attestations.js';
import { logAccess, servedScore } from '../reads.js';
import { defineRoute } from '../route.js';
import { bandId, personParams } from './schemas.js';

const claimsSchema = z.object({
  iss: z.literal('tiescore'),
  sub: z.string().meta({ description: 'Person id' }),
  score: z.number().int(),
  band: bandId,
  modelVersion: z.string(),
  runId: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().optional(),
});

export const attestationRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/persons/{id}/attestations',
    operationId: 'createAttestation',
    summary: 'A signed, short-lived attestation of my score and band',
    description: `A compact JWS (EdDSA, Ed25519; header \`kid\`) over person id (\`sub\`), score, band, model version, run id, \`iat\` and \`exp\` (at most ${MAX_ATTESTATION_SECONDS / 60} minutes). Logged as a read.`,
    tag: 'attestations',
    access: { subject: 'self' },
    params: personParams,
    body: z
      .strictObject({ ttlSeconds: z.number().int().min(60, 'must be at least 60').max(MAX_ATTESTATION_SECONDS, `must be at most ${MAX_ATTESTATION_SECONDS}`).optional() })
      .default({}),
    problems: [404],
    responses: {
      201: {
        description: 'The attestation',
        schema: z.object({ token: z.string(), kid: z.string(), issuedAt: z.string(), expiresAt: z.string(), claims: claimsSchema }).meta({ id: 'Attestation' }),
      },
    },
    example: { params: { id: 'p000042' }, body: { ttlSeconds: 600 } },
    handler: async (ctx) => {
      const { run, score } = await servedScore(ctx, ctx.params.id);
      const defaultTtl = Math.min(MAX_ATTESTATION_SECONDS, ctx.deps.options?.attestationTtlSeconds ?? MAX_ATTESTATION_SECONDS);
      const signed = await signAttestation(
        ctx.deps.attestationKeys,
        { personId: score.personId, score: score.score, band: score.band, modelVersion: score.modelVersion, runId: run.id },
        { now: ctx.now, ttlSeconds: ctx.body.ttlSeconds ?? defaultTtl },
      );
      await logAccess(ctx, ctx.params.id, 'score');
      const iat = Math.floor(Date.parse(signed.issuedAt) / 1000);
      return {
        status: 201,
        headers: { 'Cache-Control': 'no-store' },
        body: {
          ...signed,
          claims: { iss: 'tiescore', sub: score.personId, score: score.score, band: score.band, modelVersion: score.modelVersion, runId: run.id, iat, exp: Math.floor(Date.parse(signed.expiresAt) / 1000) },
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/attestations/verify',
    operationId: 'verifyAttestation',
    summary: 'Check an attestation: valid, or why not',
    description: 'Checks the signature against the published keys, the algorithm, issuer, type and expiry. Always 200 for a well-formed request.',
    tag: 'attestations',
    access: 'public',
    body: z.strictObject({ token: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters') }),
    responses: {
      200: {
        description: 'The verdict',
        schema: z
          .union([z.object({ valid: z.literal(true), kid: z.string(), claims: claimsSchema }), z.object({ valid: z.literal(false), reason: z.string() })])
          // Exactly one branch holds (valid is true or false): oneOf, which the generator writes only for discriminated unions of strings.
          .meta({ id: 'AttestationVerdict' }),
      },
    },
    example: { body: { token: 'eyJhbGciOiJFZERTQSIsImtpZCI6ImtleS0xIn0.eyJpc3MiOiJ0aWVzY29yZSJ9.c2lnbmF0dXJl' } },
    handler: async ({ body, deps, now }) => {
      const outcome = await verifyAttestation(deps.attestationKeys, body.token, now);
      // A signature outlives an erasure; the vouching must not.
      if (outcome.valid && !(await deps.store.getPerson(outcome.claims.sub))) return { body: { valid: false, reason: 'the person it names no longer exists (erased)' } };
      return { body: outcome.valid ? { valid: true, kid: outcome.kid, claims: outcome.claims } : { valid: false, reason: outcome.reason } };
    },
  }),
];
