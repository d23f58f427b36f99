/**
 * Reads `Authorization: Bearer <key>` once per request and records who is calling (or why the
 * key was refused) for the rate limiter and the router. Refusing is the router's job: a public
 * route ignores a bad key, a protected one answers 401.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyPort } from '../../store/store.js';
import { verifyApiKey, type KeyRefusal, type Principal } from './api-keys.js';

/** What authentication found, kept in `res.locals.auth`. */
export type AuthState = { kind: 'none' } | { kind: 'key'; principal: Principal } | { kind: 'refused'; reason: KeyRefusal | 'scheme' };

export function authState(res: Response): AuthState {
  return (res.locals.auth as AuthState | undefined) ?? { kind: 'none' };
}

/** Principal of an authenticated request, if any. */
export const principalOf = (res: Response): Principal | undefined => {
  const state = authState(res);
  return state.kind === 'key' ? state.principal : undefined;
};

export function authenticate(store: Pick<ApiKeyPort, 'getApiKey'>) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization');
    if (header === undefined) {
      res.locals.auth = { kind: 'none' } satisfies AuthState;
      return next();
    }
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!match) {
      res.locals.auth = { kind: 'refused', reason: 'scheme' } satisfies AuthState;
      return next();
    }
    const check = await verifyApiKey(store, match[1]!);
    res.locals.auth = (check.ok ? { kind: 'key', principal: check.principal } : { kind: 'refused', reason: check.reason }) satisfies AuthState;
    next();
  };
}

/** The 401 detail for a refused or missing key. */
export function refusalDetail(state: AuthState): string {
  if (state.kind === 'none') return 'this endpoint needs an API key: send "Authorization: Bearer tsk_…"';
  if (state.kind !== 'refused') return 'not authenticated';
  switch (state.reason) {
    case 'scheme':
      return 'the Authorization header must be "Bearer <API key>"';
    case 'malformed':
      return 'the API key is not of the form tsk_<id>_<secret>';
    case 'unknown':
      return 'the API key is not valid';
    case 'revoked':
      return 'the API key has been revoked';
  }
}
