/**
 * What a route is: one record holding its method and path, who may call it, the zod schemas
 * of its path parameters, query and body, its OpenAPI description and its handler. The router
 * (router.ts), the OpenAPI document (openapi.ts) and the authorization-matrix test are all
 * generated from the table of these records (routes/index.ts), so they cannot drift apart.
 */
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import type { Consent } from '../domain/safeguards.js';
import type { AccessLogWriter } from './access-log-writer.js';
import type { PublishedScores } from './published-scores.js';
import type { PublishedReports } from '../reports/published-reports.js';
import { API_ROLES, type ApiRole } from '../domain/safeguards.js';
import type { Principal } from './auth/api-keys.js';
import type { ApiDeps } from './deps.js';

/**
 * How a role may use a route:
 * - `any`: every key of the role;
 * - `self`: a subject key only for its own person (the route's `{id}` path parameter);
 * - `consent`: a consumer key only while the person (`{id}`) has a live consent naming it.
 */
export type Grant = 'any' | 'self' | 'consent';

/** `public`: no key needed. Otherwise the roles allowed and how; a role left out is refused. */
export type Access = 'public' | Partial<Record<ApiRole, Grant>>;

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** A response header a route sets itself (the document's `headers` of that response). */
export interface HeaderSpec {
  description: string;
  /** Default: a string. */
  schema?: z.ZodType;
  /** Sent on every response of this status (default true). */
  required?: boolean;
}

/** One documented response of a route. */
export interface ResponseSpec {
  description: string;
  /** Body schema (JSON unless `contentType` says otherwise); none for an empty body. */
  schema?: z.ZodType;
  contentType?: string;
  /** Other bodies the same status may carry instead (e.g. a zip for `?format=csv`), documented alongside. */
  alternatives?: readonly { contentType: string; schema: z.ZodType }[];
  /** Headers the handler sets on it (those every response carries are added by openapi.ts). */
  headers?: Record<string, HeaderSpec>;
}

/** App-level services the system routes need. */
export interface AppServices {
  metrics: Registry;
  /** The OpenAPI document of the route table (built once). */
  openApiDocument(): unknown;
  /** Appends access-log entries, batching concurrent reads' entries into one write. */
  accessLog: AccessLogWriter;
  /** Reads persons' published scores, batching concurrent requests into one store call. */
  scores: PublishedScores;
  /** The evaluation and fairness reports of the published run, cached per run. */
  reports: PublishedReports;
}

/** What a handler sees. */
export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The caller; undefined only on public routes called without a key. */
  principal: Principal | undefined;
  /** The consent a consumer was let in under (grant `consent`). */
  consent: Consent | undefined;
  deps: ApiDeps;
  services: AppServices;
  /** The request time (deps.clock() once per request). */
  now: Date;
  req: Request;
}

/** What a handler returns; the router writes it. */
export interface Reply {
  /** Default 200. */
  status?: number;
  /** JSON-serialised unless `contentType` is given (then sent as is). */
  body?: unknown;
  /**
   * A body streamed instead of `body` (with `contentType`), for answers too large to hold. Once
   * it flows the status is sent, so a failure part-way ends the response early (the client sees
   * a cut-off body, not a problem document).
   */
  stream?: Readable;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/v1/persons/{id}/score`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** Success responses by status (problem responses are added to the document by openapi.ts). */
  responses: Record<number, ResponseSpec>;
  /**
   * A request that succeeds against the demo data, documented as the parameters' and the body's
   * `example` (path and query values as sent; a path parameter's schema example serves when
   * absent). test/unit/api/examples.test.ts sends every operation's example and expects a 2xx.
   */
  example?: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
  /** Extra problem statuses this route returns besides the generic ones (e.g. 404, 409). */
  problems?: number[];
  // Method syntax keeps handlers of differently-typed routes assignable to one table.
  handler(ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<Reply>;
}

export type AnyRoute = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

/**
 * Declares a route with its handler typed from its schemas.
 *
 * @example
 * defineRoute({ method: 'get', path: '/v1/persons/{id}/score', access: { analyst: 'any' }, params: personParams, ... ,
 *   handler: async ({ params }) => ({ body: await scoreOf(params.id) }) });
 */
export function defineRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(
  spec: RouteSpec<P, Q, B>,
): AnyRoute {
  if (spec.access !== 'public') {
    const grants = Object.values(spec.access);
    if (grants.some((grant) => grant === 'self' || grant === 'consent') && !spec.path.includes('{id}')) {
      throw new Error(`route ${spec.method.toUpperCase()} ${spec.path}: 'self' and 'consent' grants need an {id} person parameter`);
    }
    for (const role of Object.keys(spec.access)) {
      if (!(API_ROLES as readonly string[]).includes(role)) throw new Error(`route ${spec.path}: unknown role "${role}"`);
    }
  }
  return spec as unknown as AnyRoute;
}

/** The grant a role has on a route (undefined = refused); public routes grant everyone. */
export function grantOf(access: Access, role: ApiRole | undefined): Grant | undefined {
  if (access === 'public') return 'any';
  return role === undefined ? undefined : access[role];
}

/** `/v1/persons/{id}/score` → `/v1/persons/:id/score` (Express 5 / path-to-regexp 8). */
export const expressPath = (path: string): string => path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1');
