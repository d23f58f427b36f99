/** Health, readiness, metrics, the OpenAPI document and the attestation JWKS. */
import { z } from 'zod';
import { ApiProblem } from '../problem.js';
import { defineRoute } from '../route.js';

/** Longest a readiness probe waits for one service. */
const READY_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return `unreachable: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
  } finally {
    clearTimeout(timer);
  }
}

// Closed: the server writes exactly these members (signing-keys.ts).
const jwkSchema = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') });

export const systemRoutes = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'The process is up',
    tag: 'system',
    access: 'public',
    responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ body: { status: 'ok' } }),
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    operationId: 'ready',
    summary: 'The store and the job queue answer',
    description: 'Checks the store (Neo4j) and, when one is configured, the job queue (Redis). 503 with the reason otherwise.',
    tag: 'system',
    access: 'public',
    problems: [503],
    responses: {
      200: {
        description: 'Ready',
        schema: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) }),
      },
    },
    handler: async ({ deps }) => {
      const [store, queue] = await Promise.all([
        probe(() => deps.store.publishedRun()),
        deps.jobs ? probe(() => deps.jobs!.ping()) : Promise.resolve('not configured'),
      ]);
      const checks = { store, queue };
      const failing = Object.entries(checks).filter(([, state]) => state.startsWith('unreachable'));
      if (failing.length > 0) {
        // Retry-After as on every other 503, so probes and clients back off alike.
        throw new ApiProblem('not-ready', failing.map(([name, state]) => `${name} ${state}`).join('; '), { extensions: { checks }, headers: { 'Retry-After': '5' } });
      }
      return { body: { status: 'ready', checks } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics',
    tag: 'system',
    access: 'public',
    responses: { 200: { description: 'Prometheus text format', schema: z.string(), contentType: 'text/plain' } },
    handler: async ({ services }) => ({ body: await services.metrics.metrics(), contentType: services.metrics.contentType }),
  }),
  defineRoute({
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This OpenAPI 3.1 document',
    tag: 'system',
    access: 'public',
    responses: { 200: { description: 'The document', schema: z.looseObject({ openapi: z.string() }) } },
    handler: async ({ services }) => ({ body: services.openApiDocument() }),
  }),
  defineRoute({
    method: 'get',
    path: '/.well-known/jwks.json',
    operationId: 'jwks',
    summary: 'Public keys that verify score attestations',
    description: 'Every key that may have signed a still-valid attestation; the first one signs new ones.',
    tag: 'attestations',
    access: 'public',
    responses: { 200: { description: 'JSON Web Key Set', schema: z.object({ keys: z.array(jwkSchema) }).meta({ id: 'Jwks' }) } },
    handler: async ({ deps }) => ({ body: deps.attestationKeys.jwks(), headers: { 'Cache-Control': 'public, max-age=300' } }),
  }),
];
