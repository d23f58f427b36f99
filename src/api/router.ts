/**
 * Builds the Express router from the route table. Every request walks the same steps:
 *
 *   1. the role may use the route at all              → else 401 (no/bad key) or 403
 *   2. params, query and body parse with the schemas  → else 400 naming the fields (415 for a
 *                                                       body that is not JSON)
 *   3. a `self` grant: the subject key's own person;  → else 403
 *      a `consent` grant: a live consent naming the consumer
 *   4. the handler runs; its reply is written as JSON
 *
 * A path the table knows with a method it does not → 405 with `Allow`.
 */
import { pipeline } from 'node:stream/promises';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { Consent } from '../domain/safeguards.js';
import type { Principal } from './auth/api-keys.js';
import { authState, refusalDetail } from './auth/authenticate.js';
import { liveConsent } from './auth/consents.js';
import type { ApiDeps } from './deps.js';
import { ApiProblem, forbidden } from './problem.js';
import { expressPath, grantOf, type AnyRoute, type AppServices, type Grant, type Reply } from './route.js';
import { parseRequest } from './validate.js';

/** The route a request matched, for metrics and logs (`res.locals.route`). */
export const routeLabel = (route: Pick<AnyRoute, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;

function authorizeRole(route: AnyRoute, res: Response): { principal: Principal | undefined; grant: Grant } {
  const state = authState(res);
  const principal = state.kind === 'key' ? state.principal : undefined;
  if (route.access === 'public') return { principal, grant: 'any' };
  if (!principal) {
    throw new ApiProblem('unauthorized', refusalDetail(state), { headers: { 'WWW-Authenticate': 'Bearer realm="tiescore"' } });
  }
  const grant = grantOf(route.access, principal.role);
  if (!grant) {
    const allowed = Object.keys(route.access).join(', ');
    throw forbidden(`a ${principal.role} key may not call ${routeLabel(route)} (allowed: ${allowed})`);
  }
  return { principal, grant };
}

async function authorizeResource(
  grant: Grant,
  principal: Principal | undefined,
  params: unknown,
  deps: ApiDeps,
  now: Date,
): Promise<Consent | undefined> {
  if (grant === 'any' || !principal) return undefined;
  const personId = (params as { id: string }).id;
  if (grant === 'self') {
    if (principal.personId !== personId) throw forbidden('a subject key may only be used for its own person');
    return undefined;
  }
  const consent = await liveConsent(deps.store, personId, principal.name, now);
  if (!consent) throw forbidden(`person "${personId}" has no live consent for consumer "${principal.name}"`);
  return consent;
}

const JSON_TYPES = ['application/json', 'application/*+json'];
/** A non-empty body (Content-Length > 0 or chunked) not declared JSON; `req.is` gives null without one. */
const hasNonJsonBody = (req: Request): boolean => req.get('content-length') !== '0' && req.is(JSON_TYPES) === false;

function send(res: Response, reply: Reply, logger: Logger): void {
  res.status(reply.status ?? 200);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.stream) {
    if (reply.contentType) res.type(reply.contentType);
    // A client that goes away, or a read that fails, ends both sides; the stream's own cleanup
    // (e.g. a score export recording what it sent) runs either way. Only a failure on our side
    // is worth a log line.
    pipeline(reply.stream, res).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.warn({ err: error, route: res.locals.route as unknown }, 'streamed response failed part-way');
      res.destroy();
    });
  } else if (reply.body === undefined) {
    if (reply.contentType) res.type(reply.contentType);
    res.end();
  } else if (reply.contentType) {
    res.type(reply.contentType).send(reply.body);
  } else {
    res.json(reply.body);
  }
}

export function buildRouter(routes: readonly AnyRoute[], deps: ApiDeps, services: AppServices, parseJson: RequestHandler): Router {
  const router = Router({ strict: false, caseSensitive: true });
  for (const route of routes) {
    // Role first, so a caller without a key learns nothing about the input it sent.
    const checkRole = (_req: Request, res: Response, next: NextFunction) => {
      res.locals.route = routeLabel(route);
      res.locals.authorized = authorizeRole(route, res);
      next();
    };
    const handlers: RequestHandler[] = route.method === 'get' ? [checkRole] : [checkRole, parseJson];
    router[route.method](expressPath(route.path), ...handlers, async (req: Request, res: Response) => {
      const now = deps.clock();
      const { principal, grant } = res.locals.authorized as ReturnType<typeof authorizeRole>;
      if (route.body && req.body === undefined && hasNonJsonBody(req)) {
        throw new ApiProblem('unsupported-media-type', 'the request body must be JSON (Content-Type: application/json)');
      }
      const { params, query, body } = parseRequest(
        { params: route.params, query: route.query, body: route.body },
        { params: { ...req.params }, query: { ...(req.query as object) }, body: req.body },
      );
      const consent = await authorizeResource(grant, principal, params, deps, now);
      send(res, await route.handler({ params, query, body, principal, consent, deps, services, now, req }), deps.logger);
    });
  }
  const methodsByPath = new Map<string, Set<string>>();
  for (const route of routes) {
    const methods = methodsByPath.get(route.path) ?? new Set<string>();
    methods.add(route.method.toUpperCase());
    if (route.method === 'get') methods.add('HEAD');
    methodsByPath.set(route.path, methods);
  }
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods].join(', ');
    router.all(expressPath(path), (req: Request, res: Response) => {
      if (req.method === 'OPTIONS') {
        res.setHeader('Allow', `${allow}, OPTIONS`);
        res.status(204).end();
        return;
      }
      throw new ApiProblem('method-not-allowed', `${req.method} is not allowed on ${path} (allowed: ${allow})`, { headers: { Allow: allow } });
    });
  }
  return router;
}
