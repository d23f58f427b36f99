/**
 * The OpenAPI 3.1 document at `/openapi.json`, generated from the route table with
 * @asteasolutions/zod-to-openapi: the same zod schemas that validate requests describe them.
 * Problem responses are added per route from its access and inputs, so the document lists
 * exactly the statuses the router can produce.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PROBLEM_BASE } from './problem.js';
import type { AnyRoute } from './route.js';

export const problemSchema = z
  .object({
    type: z.string().meta({ example: `${PROBLEM_BASE}not-found` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().meta({ description: 'validation-failed: every field in error' }),
    itemErrors: z.array(z.object({ index: z.number().int(), reason: z.string() })).optional().meta({ description: 'Strict ingestion: every refused item' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; branch on `type`.' });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (the fields are named in `errors`) or malformed JSON',
  401: 'No API key, or an invalid or revoked one',
  403: 'The key may not do this',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is too large',
  415: 'The body is not JSON',
  422: 'Valid input that cannot be processed',
  429: 'Rate limit reached (see RateLimit and Retry-After)',
  500: 'Internal error',
  503: 'A backing service is unavailable',
};

/** The problem statuses a route can answer with (documented in its responses). */
export function problemStatuses(route: AnyRoute): number[] {
  const statuses = new Set<number>([429, 500, ...(route.problems ?? [])]);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  if (route.access !== 'public') [401, 403].forEach((s) => statuses.add(s));
  return [...statuses].sort((a, b) => a - b);
}

function accessText(route: AnyRoute): string {
  if (route.access === 'public') return 'Public: no API key needed.';
  const parts = Object.entries(route.access).map(([role, grant]) =>
    grant === 'self' ? `${role} (own person only)` : grant === 'consent' ? `${role} (with the person's live consent)` : role,
  );
  return `Roles: ${parts.join(', ')}.`;
}

export function buildOpenApiDocument(routes: readonly AnyRoute[], info: { version: string; serverUrl?: string }): object {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key `tsk_<id>_<secret>` made with `tiescore keys create`.',
  });
  for (const route of routes) {
    const responses: RouteConfig['responses'] = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      const content = Object.fromEntries([
        ...(spec.schema ? [[spec.contentType ?? 'application/json', { schema: spec.schema }] as const] : []),
        ...(spec.alternatives ?? []).map((alternative) => [alternative.contentType, { schema: alternative.schema }] as const),
      ]);
      responses[status] = Object.keys(content).length > 0 ? { description: spec.description, content } : { description: spec.description };
    }
    for (const status of problemStatuses(route)) {
      responses[status] ??= { description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem', content: { 'application/problem+json': { schema: problemSchema } } };
    }
    registry.registerPath({
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      description: [route.description, accessText(route)].filter(Boolean).join('\n\n'),
      tags: [route.tag],
      security: route.access === 'public' ? [] : [{ [bearer.name]: [] }],
      request: {
        ...(route.params ? { params: route.params as never } : {}),
        ...(route.query ? { query: route.query as never } : {}),
        ...(route.body ? { body: { required: !route.body.safeParse(undefined).success, content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'tiescore API',
      version: info.version,
      description:
        'Explainable credit scores centred on the social-network dimension: scores, explanations, contagion what-ifs, ' +
        'consents, access logs, disputes and signed attestations. Errors are RFC 9457 problem details.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
  });
}
