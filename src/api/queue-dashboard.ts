/**
 * The queue dashboard (@bull-board) at /admin/queues, for admins only. A browser cannot send a
 * Bearer header, so besides `Authorization: Bearer <key>` the dashboard accepts HTTP Basic auth
 * with an admin API key as the password (any user name): the browser asks for it once.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Store } from '../store/store.js';
import { authState } from './auth/authenticate.js';
import { verifyApiKey } from './auth/api-keys.js';
import { sendProblem } from './errors.js';
import { ApiProblem } from './problem.js';

export const DASHBOARD_PATH = '/admin/queues';

export function queueDashboard(queues: readonly Queue[], store: Pick<Store, 'getApiKey'>): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })), serverAdapter });
  const router = Router();
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const role = await adminRole(req, res, store);
    if (role === 'admin') return next();
    res.set('WWW-Authenticate', 'Basic realm="tiescore queues", charset="UTF-8"');
    sendProblem(req, res, role === 'other' ? new ApiProblem('forbidden', 'the queue dashboard is for admin keys only') : new ApiProblem('unauthorized', 'the queue dashboard needs an admin API key (as a Bearer token, or as the Basic-auth password)'));
  });
  router.use(serverAdapter.getRouter() as Router);
  return router;
}

async function adminRole(req: Request, res: Response, store: Pick<Store, 'getApiKey'>): Promise<'admin' | 'other' | 'none'> {
  const state = authState(res);
  if (state.kind === 'key') return state.principal.role === 'admin' ? 'admin' : 'other';
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.get('authorization') ?? '');
  if (!basic) return 'none';
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const key = decoded.slice(decoded.indexOf(':') + 1);
  const check = await verifyApiKey(store, key);
  if (!check.ok) return 'none';
  return check.principal.role === 'admin' ? 'admin' : 'other';
}
