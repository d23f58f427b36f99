/**
 * The queue dashboard (@bull-board) at /admin/queues, for admins only. Programs send
 * `Authorization: Bearer <admin key>`. A browser cannot, so opening the page (GET) also accepts
 * HTTP Basic auth with an admin key as the password (any user name), and sets a session cookie;
 * the page's own changes (retry, clean, pause, add) then need that cookie *and* a same-origin
 * request — never Basic auth, which a browser would replay for any other site (dashboard-session.ts).
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Store } from '../store/store.js';
import { authState } from './auth/authenticate.js';
import { verifyApiKey } from './auth/api-keys.js';
import { DashboardSessions, sameOrigin } from './dashboard-session.js';
import { sendProblem } from './errors.js';
import { ApiProblem } from './problem.js';

export const DASHBOARD_PATH = '/admin/queues';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Access = { ok: true; setCookieFor?: string } | { ok: false; problem: ApiProblem; askForBasic?: boolean };

export function queueDashboard(queues: readonly Queue[], store: Pick<Store, 'getApiKey'>, clock: () => Date = () => new Date()): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })), serverAdapter });
  const sessions = new DashboardSessions();
  const router = Router();
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const access = await check(req, res, store, sessions, clock());
    if (access.ok) {
      if (access.setCookieFor) res.append('Set-Cookie', sessions.cookieFor(access.setCookieFor, clock(), DASHBOARD_PATH, req.secure));
      return next();
    }
    if (access.askForBasic) res.set('WWW-Authenticate', 'Basic realm="tiescore queues", charset="UTF-8"');
    sendProblem(req, res, access.problem);
  });
  router.use(serverAdapter.getRouter() as Router);
  return router;
}

const forbidden = (detail: string): Access => ({ ok: false, problem: new ApiProblem('forbidden', detail) });
const unauthorized = (detail: string, askForBasic = false): Access => ({ ok: false, problem: new ApiProblem('unauthorized', detail), askForBasic });

async function check(req: Request, res: Response, store: Pick<Store, 'getApiKey'>, sessions: DashboardSessions, now: Date): Promise<Access> {
  const state = authState(res);
  if (state.kind === 'key') return state.principal.role === 'admin' ? { ok: true } : forbidden('the queue dashboard is for admin keys only');
  const basic = await basicRole(req, store);
  if (SAFE_METHODS.has(req.method)) {
    if (basic.role === 'admin') return { ok: true, setCookieFor: basic.keyId };
    if (basic.role === 'other') return forbidden('the queue dashboard is for admin keys only');
    if (await sessionIsAdmin(req, store, sessions, now)) return { ok: true };
    return unauthorized('the queue dashboard needs an admin API key (as a Bearer token, or as the Basic-auth password)', true);
  }
  // A change: Basic credentials never count (a browser replays them for any site).
  if (!sameOrigin(req)) return forbidden('the queue dashboard accepts changes only from its own page (same origin) or with a Bearer admin key');
  if (await sessionIsAdmin(req, store, sessions, now)) return { ok: true };
  if (basic.role !== 'none') return forbidden('Basic credentials open the dashboard but cannot change anything: open the page first, or send a Bearer admin key');
  return unauthorized('the queue dashboard changes state only with a Bearer admin key or the session of its page (open the page first)');
}

async function sessionIsAdmin(req: Request, store: Pick<Store, 'getApiKey'>, sessions: DashboardSessions, now: Date): Promise<boolean> {
  const keyId = sessions.keyIdOf(req, now);
  if (keyId === undefined) return false;
  const record = await store.getApiKey(keyId);
  return record !== undefined && record.revokedAt === undefined && record.role === 'admin';
}

async function basicRole(req: Request, store: Pick<Store, 'getApiKey'>): Promise<{ role: 'admin' | 'other' | 'none'; keyId?: string }> {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.get('authorization') ?? '');
  if (!basic) return { role: 'none' };
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const check = await verifyApiKey(store, decoded.slice(decoded.indexOf(':') + 1));
  if (!check.ok) return { role: 'none' };
  return { role: check.principal.role === 'admin' ? 'admin' : 'other', keyId: check.principal.keyId };
}
