/**
 * The OpenAPI 3.1 document at `/openapi.json`, generated from the route table with
 * @asteasolutions/zod-to-openapi: the same zod schemas that validate requests describe them.
 * Problem responses are added per route from its access and inputs, so the document lists
 * exactly the statuses the router can produce.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { UNLIMITED_PATHS } from './middleware/rate-limit.js';
import { PROBLEM_BASE } from './problem.js';
import type { AnyRoute, HeaderSpec } from './route.js';

// Open: a problem may carry extension members (RFC 9457 §3.2), e.g. `checks` on not-ready.
export const problemSchema = z
  .looseObject({
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

/** What each tag groups (every tag a route uses must be here: the document defines its tags). */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  system: 'Health, readiness, metrics and this document',
  scores: 'Published scores and their explanations',
  network: 'The social-network dimension: neighbourhoods, communities, contagion what-ifs',
  runs: 'Scoring runs and what they published',
  reports: 'Evaluation and fairness reports of the published run, and bulk score exports',
  consents: 'Consents a subject grants to named consumers, and the access log',
  persons: 'A person\'s data: export and erasure',
  disputes: 'Contesting a credit event, and resolving it',
  attestations: 'Signed score attestations and the keys that verify them',
  jobs: 'Recompute jobs',
  ingestion: 'Loading persons, events and ties',
};

/** Rate limiting applies to the route (the limiter skips probes and scrapes: rate-limit.ts). */
const isLimited = (route: AnyRoute): boolean => !UNLIMITED_PATHS.has(route.path);

/** The problem statuses a route can answer with (documented in its responses). */
export function problemStatuses(route: AnyRoute): number[] {
  // 400 everywhere: a route without a query or body schema still refuses unknown query fields (validate.ts).
  // 503 everywhere: any request may meet the store down (a key lookup, a read), which errors.ts answers with 503.
  const statuses = new Set<number>([400, 500, 503, ...(route.problems ?? [])]);
  if (isLimited(route)) statuses.add(429);
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  if (route.access !== 'public') [401, 403].forEach((s) => statuses.add(s));
  return [...statuses].sort((a, b) => a - b);
}

const header = (description: string, schema: z.ZodType = z.string(), required = true): HeaderSpec => ({ description, schema, required });

/** Headers the app sets on every response of a route (middleware), and on problems by status. */
function commonHeaders(route: AnyRoute): Record<string, HeaderSpec> {
  return {
    'X-Request-Id': header('The request id, also in the server\'s log line for this request'),
    ...(isLimited(route)
      ? {
          // Not sent when the server runs without a rate limit (rateLimitPerMinute 0).
          RateLimit: header('The remaining quota of the caller in this window (IETF draft-ietf-httpapi-ratelimit-headers-08), e.g. `"tiescore";r=99;t=60`', z.string(), false),
          'RateLimit-Policy': header('The quota policy, e.g. `"tiescore";q=100;w=60`', z.string(), false),
        }
      : {}),
  };
}

const PROBLEM_HEADERS: Record<number, Record<string, HeaderSpec>> = {
  401: { 'WWW-Authenticate': header('The scheme to authenticate with: `Bearer realm="tiescore"`') },
  405: { Allow: header('The methods the path allows') },
  429: { 'Retry-After': header('Seconds until the window resets', z.string().regex(/^[0-9]+$/)) },
  // The store's and the queue's outages and a failed readiness probe say when to retry; a server
  // with no job queue configured does not.
  503: { 'Retry-After': header('Seconds to wait before retrying', z.string().regex(/^[0-9]+$/), false) },
};

/** The headers a response of `status` carries: the route's own, the problem's and the common ones. */
export function responseHeaders(route: AnyRoute, status: number): Record<string, HeaderSpec> {
  return { ...commonHeaders(route), ...(PROBLEM_HEADERS[status] ?? {}), ...(route.responses[status]?.headers ?? {}) };
}

/** The generator documents a zod object of headers: a field's optionality is the header's `required`. */
const headersObject = (headers: Record<string, HeaderSpec>) =>
  z.object(
    Object.fromEntries(
      Object.entries(headers).map(([name, spec]) => {
        const schema = (spec.schema ?? z.string()).meta({ description: spec.description });
        return [name, spec.required === false ? schema.optional() : schema];
      }),
    ),
  );

function accessText(route: AnyRoute): string {
  if (route.access === 'public') return 'Public: no API key needed.';
  const parts = Object.entries(route.access).map(([role, grant]) =>
    grant === 'self' ? `${role} (own person only)` : grant === 'consent' ? `${role} (with the person's live consent)` : role,
  );
  return `Roles: ${parts.join(', ')}.`;
}

type JsonSchema = Record<string, unknown>;
const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The single value a branch pins `name` to (a zod literal: `enum: [v]` or `const: v`), if it does. */
function pinnedValue(branch: JsonSchema, name: string): { value: unknown } | undefined {
  const property = (branch.properties as Record<string, JsonSchema> | undefined)?.[name];
  if (!property || !(branch.required as string[] | undefined)?.includes(name)) return undefined;
  if ('const' in property) return { value: property.const };
  return Array.isArray(property.enum) && property.enum.length === 1 ? { value: property.enum[0] } : undefined;
}

/** A required property every branch pins to a different value, so at most one branch can hold. */
function exclusiveBranches(branches: JsonSchema[]): boolean {
  const first = branches[0]?.properties as Record<string, unknown> | undefined;
  return Object.keys(first ?? {}).some((name) => {
    const values = branches.map((branch) => pinnedValue(branch, name));
    return values.every(Boolean) && new Set(values.map((v) => JSON.stringify(v!.value))).size === branches.length;
  });
}

/**
 * Makes the generated schemas say what the server knows (issue 24):
 * - an object that lists its properties and says nothing of others (a zod `z.object`) is closed
 *   (`additionalProperties: false`): the server sends no field it does not name. A `looseObject`
 *   (`additionalProperties: {}`) or a record stays open.
 * - an `anyOf` whose branches pin one required property to different values (e.g. `valid: true`
 *   | `valid: false`) is a `oneOf`: exactly one branch holds.
 * Runs over the whole document in place, so a route added to the table is covered too.
 */
export function tightenSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(tightenSchemas);
    return;
  }
  if (!isSchema(node)) return;
  if (node.type === 'object' && isSchema(node.properties) && !('additionalProperties' in node)) node.additionalProperties = false;
  if (Array.isArray(node.anyOf) && node.anyOf.length > 1 && node.anyOf.every(isSchema) && exclusiveBranches(node.anyOf as JsonSchema[])) {
    node.oneOf = node.anyOf;
    delete node.anyOf;
  }
  Object.values(node).forEach(tightenSchemas);
}

interface OperationExamples {
  parameters?: { name: string; in: string; example?: unknown }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
}

/** A route's example request → its parameters' and body's `example`. */
function documentExample(route: AnyRoute, operation: OperationExamples | undefined): void {
  if (!route.example || !operation) return;
  for (const parameter of operation.parameters ?? []) {
    const value = parameter.in === 'path' ? route.example.params?.[parameter.name] : parameter.in === 'query' ? route.example.query?.[parameter.name] : undefined;
    if (value !== undefined) parameter.example = value;
  }
  const json = operation.requestBody?.content['application/json'];
  if (json && route.example.body !== undefined) json.example = route.example.body;
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
      const headers = headersObject(responseHeaders(route, Number(status)));
      responses[status] = Object.keys(content).length > 0 ? { description: spec.description, headers, content } : { description: spec.description, headers };
    }
    for (const status of problemStatuses(route)) {
      responses[status] ??= {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
        headers: headersObject(responseHeaders(route, status)),
        content: { 'application/problem+json': { schema: problemSchema } },
      };
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
  const tags = [...new Set(routes.map((route) => route.tag))].map((name) => {
    const description = TAG_DESCRIPTIONS[name];
    if (!description) throw new Error(`route tag "${name}" has no description in TAG_DESCRIPTIONS`);
    return { name, description };
  });
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'tiescore API',
      version: info.version,
      description:
        'Explainable credit scores centred on the social-network dimension: scores, explanations, contagion what-ifs, ' +
        'consents, access logs, disputes and signed attestations. Errors are RFC 9457 problem details.\n\n' +
        'Patterns are ECMA-262 regular expressions evaluated with the `u` (Unicode) flag, as JSON Schema 2020-12 ' +
        'validators such as ajv do; `consumer` names use Unicode property escapes (`\\p{L}`, `\\p{N}`), every other pattern ' +
        'means the same with or without the flag.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    // Relative by default: the API answers at the root of whatever host serves this document.
    servers: [{ url: info.serverUrl ?? '/', description: info.serverUrl ? 'This server' : 'The host that served this document' }],
    tags,
  });
  for (const route of routes) documentExample(route, document.paths?.[route.path]?.[route.method] as OperationExamples | undefined);
  tightenSchemas(document.paths);
  tightenSchemas(document.components);
  return document;
}
