/**
 * Per-key rate limiting (express-rate-limit): a fixed one-minute window per API key id, or
 * per client address for requests without a valid key (so guessing keys is throttled too).
 * Responses carry the IETF `RateLimit` and `RateLimit-Policy` headers (draft 8); a refused
 * request gets a 429 problem with `Retry-After`. Health, readiness and metrics are not limited.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { principalOf } from '../auth/authenticate.js';
import { ApiProblem } from '../problem.js';

const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function rateLimiter(perMinute: number, sendProblem: (req: Request, res: Response, problem: ApiProblem) => void): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'tiescore',
    skip: (req) => perMinute <= 0 || UNLIMITED_PATHS.has(req.path),
    keyGenerator: (req, res) => {
      const principal = principalOf(res);
      return principal ? `key:${principal.keyId}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (req, res) => {
      const retryAfter = res.getHeader('Retry-After');
      sendProblem(req, res, new ApiProblem('rate-limited', `at most ${perMinute} requests a minute per API key; retry after ${retryAfter ?? 60} s`));
    },
  });
}
