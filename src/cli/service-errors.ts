/**
 * One short line for a service a command cannot reach: which service, at which URL, why in a
 * few words, and the fix — never the driver's own message (Neo4j's runs to 300 characters and
 * names no fix). Pure: the caller passes the error it got and the configured URL.
 */
import { withoutPassword } from '../url-credentials.js';

export type Service = 'Neo4j' | 'Redis';

const URL_VARIABLE: Record<Service, string> = { Neo4j: 'NEO4J_URI', Redis: 'REDIS_URL' };

/** The failure in a few words, read from the error's code and message and those of its causes. */
export function failureReason(error: unknown): string {
  const texts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    texts.push(`${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : String(e)}`);
    e = cause;
  }
  const text = texts.join(' ');
  if (/Security\.Unauthorized|authentication failure|WRONGPASS|NOAUTH|invalid username-password/i.test(text)) return 'credentials refused';
  if (/ECONNREFUSED/.test(text)) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'host not found';
  if (/EHOSTUNREACH|ENETUNREACH/.test(text)) return 'host unreachable';
  if (/ECONNRESET|EPIPE|Connection is closed|SessionExpired|connection.*(closed|lost)/i.test(text)) return 'connection lost';
  if (/ETIMEDOUT|timed? ?out|no answer|does not answer/i.test(text)) return 'no answer';
  return 'cannot connect';
}

/** Is this URL's host this machine (where `npm run services:start` would start the service)? */
export function isLocal(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}

/**
 * @example
 * serviceLine('Neo4j', 'bolt://127.0.0.1:7687', refusedError)
 * // 'Neo4j is not reachable at bolt://127.0.0.1:7687 (connection refused): start it with `npm run services:start`, or set NEO4J_URI to a running server'
 */
export function serviceLine(service: Service, url: string, error: unknown): string {
  const shown = withoutPassword(url);
  const reason = failureReason(error);
  if (reason === 'credentials refused') {
    return service === 'Neo4j'
      ? `Neo4j at ${shown} refused the credentials: set NEO4J_USER and NEO4J_PASSWORD`
      : `Redis at ${shown} refused the credentials: put the password in REDIS_URL (redis://:PASSWORD@host:port)`;
  }
  const fix = isLocal(url)
    ? `start it with \`npm run services:start\`, or set ${URL_VARIABLE[service]} to a running server`
    : `check that it runs there, or set ${URL_VARIABLE[service]}`;
  return `${service} is not reachable at ${shown} (${reason}): ${fix}`;
}
