/**
 * The queue dashboard's browser session (issue 19, item 4). A browser caches Basic credentials
 * and sends them with any request to the site — a form or a `text/plain` fetch from another site
 * included — so Basic auth may only open the page (safe methods). Opening it sets this session
 * cookie (`HttpOnly`: no script reads it; `SameSite=Strict`: no other site's request carries it),
 * and a state-changing request is accepted with the cookie only when it provably comes from the
 * dashboard's own origin (`Origin`, else `Sec-Fetch-Site: same-origin`). Programs use a Bearer
 * key, which no browser sends on its own.
 *
 * The cookie holds the admin key's id and an expiry, signed with HMAC-SHA256 under a secret of
 * this process: it never holds the key, and a revoked key's session stops at the next request.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export const DASHBOARD_COOKIE = 'tiescore_dashboard';
/** How long a dashboard session lasts without opening the page again, seconds. */
export const DASHBOARD_SESSION_SECONDS = 3600;

export class DashboardSessions {
  private readonly secret = randomBytes(32);

  /** The Set-Cookie value of a new session for `keyId`. */
  cookieFor(keyId: string, now: Date, path: string, secure: boolean): string {
    const expires = now.getTime() + DASHBOARD_SESSION_SECONDS * 1000;
    const token = `${keyId}.${expires}.${this.sign(`${keyId}.${expires}`)}`;
    return `${DASHBOARD_COOKIE}=${token}; Path=${path}; Max-Age=${DASHBOARD_SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  /** The key id of the request's valid, unexpired session cookie; undefined without one. */
  keyIdOf(req: Request, now: Date): string | undefined {
    const token = cookieValue(req.get('cookie'), DASHBOARD_COOKIE);
    const match = token === undefined ? null : /^([A-Za-z0-9_-]{1,64})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    const [, keyId, expires, mac] = match as unknown as [string, string, string, string];
    const expected = Buffer.from(this.sign(`${keyId}.${expires}`));
    if (!timingSafeEqual(expected, Buffer.from(mac)) || Number(expires) <= now.getTime()) return undefined;
    return keyId;
  }

  private sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }
}

/**
 * True when a browser says the request comes from the page's own origin: `Origin` equal to this
 * server's (browsers send it on every non-GET request), or, without it, `Sec-Fetch-Site: same-origin`.
 */
export function sameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  if (origin !== undefined) return origin === `${req.protocol}://${req.get('host') ?? ''}`;
  return req.get('sec-fetch-site') === 'same-origin';
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
