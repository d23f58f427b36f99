/**
 * Builds the Express app: `createApp(deps)` wires the middleware in the order every request
 * meets it, then the routes of the table (routes/index.ts):
 *
 *   metrics → request log → helmet → CORS → authenticate → rate limit → /docs
 *   → / (the analyst page) → /admin/queues (when queues are given) → routes
 *   → 404 → problem+json error handler
 *
 * JSON bodies are parsed per route, after the role check (router.ts). `server.ts` starts it.
 */
import { withoutFloatNoise } from '../domain/display-numbers.js';
import express, { type Express } from 'express';
import { AccessLogWriter } from './access-log-writer.js';
import { analystPage } from './analyst-page.js';
import { ApiKeyCache } from './auth/api-key-cache.js';
import { PublishedScores } from './published-scores.js';
import { PublishedReports } from '../reports/published-reports.js';
import { authenticate } from './auth/authenticate.js';
import { DEFAULT_API_OPTIONS, type ApiDeps, type ApiOptions } from './deps.js';
import { docsRouter } from './docs.js';
import { DASHBOARD_PATH, queueDashboard } from './queue-dashboard.js';
import { errorHandler, sendProblem } from './errors.js';
import { cors } from './middleware/cors.js';
import { createMetrics } from './middleware/metrics.js';
import { rateLimiter } from './middleware/rate-limit.js';
import { requestLogger } from './middleware/request-log.js';
import { buildOpenApiDocument } from './openapi.js';
import { ApiProblem } from './problem.js';
import type { AnyRoute } from './route.js';
import { securityHeaders } from './middleware/security-headers.js';
import { buildRouter } from './router.js';
import { ROUTES } from './routes/index.js';

export const API_VERSION = '0.1.0';

export interface CreateAppOptions {
  /** The route table (default ROUTES); tests may add routes. */
  routes?: readonly AnyRoute[];
}

/**
 * @example
 * const app = createApp({ store, model, networkViews: new PublishedNetworkViews(store, model),
 *   attestationKeys: await AttestationKeys.generate(), clock: () => new Date(), logger });
 * app.listen(8080);
 */
export function createApp(deps: ApiDeps, appOptions: CreateAppOptions = {}): Express {
  const options: ApiOptions = { ...DEFAULT_API_OPTIONS, ...deps.options };
  const routes = appOptions.routes ?? ROUTES;
  const metrics = createMetrics();
  let document: object | undefined;
  const services = {
    metrics: metrics.registry,
    openApiDocument: () => (document ??= buildOpenApiDocument(routes, { version: API_VERSION })),
    accessLog: new AccessLogWriter(deps.store),
    scores: new PublishedScores(deps.store, { cachedPersons: options.scoreCachePersons }),
    reports: new PublishedReports(deps.store, deps.model, {}, options.fairnessCutoffs),
  };
  metrics.gauge('tiescore_score_cache_persons', 'Persons whose served score this process holds (API_SCORE_CACHE)', () => services.scores.cachedPersons);
  const parseJson = express.json({ limit: options.bodyLimitBytes, strict: true, type: ['application/json', 'application/*+json'] });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // The last guard at the edge: no answer carries binary float noise (src/domain/display-numbers.ts).
  app.set('json replacer', withoutFloatNoise);
  app.set('trust proxy', options.trustProxy);
  app.use(metrics.middleware);
  app.use(requestLogger(deps.logger));
  app.use(securityHeaders());
  // Whatever /v1 answers — a score, a consent, even "no person p42" — is about someone or for one
  // caller: no cache (the browser's, a proxy's) may keep it.
  app.use('/v1', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(cors(options.corsOrigins));
  const keys = new ApiKeyCache(deps.store, { ttlMs: options.apiKeyCacheMs });
  // Throttle first: a refused request must not cost a key lookup (rate-limit.ts).
  app.use(rateLimiter(options.rateLimitPerMinute, sendProblem, keys));
  app.use(authenticate(keys));
  app.use(docsRouter());
  app.use(analystPage());
  if (deps.dashboardQueues?.length) app.use(DASHBOARD_PATH, queueDashboard(deps.dashboardQueues, deps.store, deps.clock));
  app.use(buildRouter(routes, deps, services, parseJson));
  app.use((req, res) => sendProblem(req, res, new ApiProblem('not-found', `no endpoint ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.logger));
  return app;
}
