/**
 * Per-key rate limiting (express-rate-limit): a fixed one-minute window per API key id, or
 * per client address for requests without a valid key (so guessing keys is throttled too).
 * It runs before authentication, so a throttled request costs no key lookup in the store
 * (issue 19, item 5): a request counts against its key only when the key is one this process
 * has read before and the presented secret matches it (from memory, `ApiKeyCache.known`) —
 * so nobody can spend another's budget with a key id and a wrong secret — and against its
 * address otherwise, a made-up key included.
 * Responses carry the IETF `RateLimit` and `RateLimit-Policy` headers (draft 8); a refused
 * request gets a 429 problem with `Retry-After`. Health, readiness and metrics are not limited.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ApiKeyCache } from '../auth/api-key-cache.js';
import { parseApiKey, presentedKeyMatches } from '../auth/api-keys.js';
import { ApiProblem } from '../problem.js';

/** Paths the limiter skips (probes and scrapes); the OpenAPI document declares no 429 or RateLimit headers on them. */
export const UNLIMITED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

export function rateLimiter(perMinute: number, sendProblem: (req: Request, res: Response, problem: ApiProblem) => void, keys: Pick<ApiKeyCache, 'known'>): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'tiescore',
    skip: (req) => perMinute <= 0 || UNLIMITED_PATHS.has(req.path),
    keyGenerator: (req) => {
      const presented = /^Bearer[ ]+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
      const id = presented === undefined ? undefined : parseApiKey(presented)?.id;
      const record = id === undefined ? undefined : keys.known(id);
      return record && presentedKeyMatches(presented!, record) ? `key:${record.id}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (req, res) => {
      const retryAfter = res.getHeader('Retry-After');
      sendProblem(req, res, new ApiProblem('rate-limited', `at most ${perMinute} requests a minute per API key; retry after ${retryAfter ?? 60} s`));
    },
  });
}
