/**
 * What every fuzzed request must satisfy, whatever it carried (used by the HTTP fuzz tests on the
 * memory store and on Neo4j):
 *
 * - no 5xx, and every refusal is an RFC 9457 problem (except the statuses Node's HTTP parser
 *   answers itself, before the app sees the request: 414 and 431);
 * - no unhandled rejection or uncaught exception anywhere in the process (listeners installed
 *   by `watchProcessErrors`);
 * - "the store unchanged", checked on the store's whole content (counts and a SHA-256 of every
 *   record, see store-content.ts) taken before and after each request:
 *     · a refused request (any status but 2xx) changes nothing at all, not even the access log;
 *     · an accepted request on a route that only reads may append access-log entries (every read of
 *       a person's data is logged, by design) and change nothing else;
 *     · an accepted request on a route that writes (consents, disputes, jobs, ingestion) may change
 *       the store, and the next request is compared against the new content;
 * - every answer of a route that needs a key says `Cache-Control: no-store` (it is about someone, or
 *   for one caller only);
 * - no free text a person writes (a consent's purpose, a dispute's reason or note) is accepted with
 *   a control character or a lone surrogate.
 */
import type { AnyRoute } from '../../src/api/route.js';
import type { FuzzRequest, FuzzResponse } from './route-fuzz.js';

/** Routes whose accepted requests write records (besides access-log entries). */
export const WRITING_OPERATIONS = new Set(['grantConsent', 'revokeConsent', 'openDispute', 'resolveDispute', 'startRecompute', 'ingest', 'erasePerson']);

/** Routes whose bodies carry free text from a person, and the characters it must never hold. */
const FREE_TEXT_OPERATIONS = new Set(['grantConsent', 'openDispute', 'resolveDispute']);
const UNSAFE_TEXT = /[\p{Cs}\u202A-\u202E\u2066-\u2069]|[^\P{Cc}\n\r\t]/u;

function freeTextOf(body: Buffer | undefined): string | undefined {
  try {
    const value = JSON.parse(body?.toString('utf8') ?? '') as { purpose?: unknown; reason?: unknown; note?: unknown };
    const texts = [value.purpose, value.reason, value.note].filter((t): t is string => typeof t === 'string');
    return texts.length ? texts.join('\n') : undefined;
  } catch {
    return undefined;
  }
}

/** Statuses Node's HTTP server sends itself for requests it cannot parse (no app, no problem body). */
const NODE_STATUSES = new Set([414, 431]);

/** The store's content as a fuzz test compares it (the parts other than `all` are computed only when needed). */
export interface StoreState {
  /** Everything: a digest or the canonical text. */
  all: string;
  /** Everything but the access log. */
  withoutAccessLog(): string;
  /** Counts per record kind, for a readable failure message. */
  counts(): Record<string, number>;
}

export interface FuzzVerdict {
  accepted: boolean;
  /** Reasons the request broke a rule; empty when it did not. */
  violations: string[];
}

/** Whether an accepted request with this method on this route's path may write records. */
export function mayWrite(routes: readonly AnyRoute[], route: AnyRoute, method: string): boolean {
  const handler = routes.find((r) => r.path === route.path && r.method.toUpperCase() === method) ?? route;
  return WRITING_OPERATIONS.has(handler.operationId) && handler.method.toUpperCase() === method;
}

/**
 * Judges one request by its response and the store before and after it.
 *
 * @example
 * const verdict = judge({ routes: ROUTES, route, request, response, before, after });
 * expect(verdict.violations).toEqual([]);
 */
export function judge(input: { routes: readonly AnyRoute[]; route: AnyRoute; request: FuzzRequest; response: FuzzResponse; before: StoreState; after: StoreState }): FuzzVerdict {
  const { routes, route, request, response, before, after } = input;
  const violations: string[] = [];
  const { status } = response;
  if (status >= 500) violations.push(`answered ${status}: ${response.body.slice(0, 300)}`);
  const problem = response.contentType.startsWith('application/problem+json');
  if (status >= 400 && status < 500 && !problem && !NODE_STATUSES.has(status) && request.method !== 'HEAD') violations.push(`a ${status} that is not problem+json (${response.contentType})`);
  if (status >= 400 && problem && request.method !== 'HEAD') {
    try {
      const body = JSON.parse(response.body) as { status?: number; type?: string };
      if (body.status !== status || typeof body.type !== 'string') violations.push(`problem body does not match: ${response.body.slice(0, 200)}`);
    } catch {
      violations.push(`problem body is not JSON: ${response.body.slice(0, 200)}`);
    }
  }
  const accepted = status >= 200 && status < 300;
  // (A 405 for another method on the path answers no route, so it is not held to this.)
  if (route.access !== 'public' && request.method === route.method.toUpperCase() && status > 0 && !NODE_STATUSES.has(status) && response.cacheControl !== 'no-store') {
    violations.push(`a ${status} of a keyed route without Cache-Control: no-store (${response.cacheControl || 'none'})`);
  }
  if (accepted && FREE_TEXT_OPERATIONS.has(route.operationId)) {
    const text = freeTextOf(request.body);
    if (text !== undefined && UNSAFE_TEXT.test(text)) violations.push(`accepted free text with a control character or lone surrogate: ${JSON.stringify(text).slice(0, 100)}`);
  }
  if (!accepted && after.all !== before.all) {
    violations.push(`a refused request (${status}) changed the store: ${countChanges(before, after)}`);
  }
  if (accepted && !mayWrite(routes, route, request.method) && after.withoutAccessLog() !== before.withoutAccessLog()) {
    violations.push(`an accepted read (${status}) changed more than the access log: ${countChanges(before, after)}`);
  }
  return { accepted, violations };
}

function countChanges(before: StoreState, after: StoreState): string {
  const [was, now] = [before.counts(), after.counts()];
  const names = new Set([...Object.keys(was), ...Object.keys(now)]);
  const changed = [...names].filter((name) => was[name] !== now[name]).map((name) => `${name} ${was[name] ?? 0} → ${now[name] ?? 0}`);
  return changed.length > 0 ? changed.join(', ') : 'same counts, different content';
}

/** Collects unhandled rejections and uncaught exceptions of this process while installed. */
export function watchProcessErrors(): { errors: string[]; stop(): void } {
  const errors: string[] = [];
  const onRejection = (reason: unknown) => errors.push(`unhandledRejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  const onException = (error: Error) => errors.push(`uncaughtException: ${error.stack}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    errors,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** One line naming a request, for failure messages. */
export const describeRequest = (request: FuzzRequest): string =>
  `${request.method} ${request.path.slice(0, 300)} [${request.note}] headers=${JSON.stringify(request.headers).slice(0, 300)} body=${request.body?.toString('utf8').slice(0, 300) ?? '-'}`;
