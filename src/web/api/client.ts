/**
 * The page's only way to the server: the public API, same origin, with the analyst's key as a
 * Bearer token. Every failure becomes an ApiError whose `kind` the views turn into a message
 * (bad key, not allowed, unknown person, API down, …) — never a raw stack or an HTML page.
 */
import type { ContagionRequest, ContagionResult } from './types.js';

export type ApiErrorKind = 'unauthorized' | 'forbidden' | 'not-found' | 'invalid' | 'rate-limited' | 'unavailable' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** The problem+json `detail`, or what went wrong on the way. */
    readonly detail: string,
    readonly status?: number,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

const KIND_BY_STATUS: Record<number, ApiErrorKind> = { 400: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 429: 'rate-limited', 503: 'unavailable' };

/** Rows asked for per contagion page (the API's largest page). */
const CONTAGION_PAGE = 500;

export class ApiClient {
  constructor(private readonly key: string) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /**
   * Every affected person of a what-if, page after page, up to `maxRows` (the first page's
   * header fields are kept; `affected` holds all rows fetched).
   */
  async simulateAll(request: ContagionRequest, maxRows = 5_000): Promise<ContagionResult> {
    const first = await this.post<ContagionResult>('/v1/contagion/simulate', { ...request, offset: 0, limit: CONTAGION_PAGE });
    const affected = [...first.affected];
    while (affected.length < Math.min(first.total, maxRows)) {
      const page = await this.post<ContagionResult>('/v1/contagion/simulate', { ...request, offset: affected.length, limit: CONTAGION_PAGE });
      if (page.affected.length === 0) break;
      affected.push(...page.affected);
    }
    return { ...first, affected: affected.slice(0, maxRows) };
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${this.key}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('unavailable', 'the API does not answer: is the server running, and is this machine online?');
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (response.ok) {
      if (json === undefined) throw new ApiError('server', `the API answered ${method} ${path} with something that is not JSON`, response.status);
      return json as T;
    }
    const detail = (json as { detail?: unknown } | undefined)?.detail;
    const kind = KIND_BY_STATUS[response.status] ?? (response.status >= 500 ? (response.status === 502 || response.status === 504 ? 'unavailable' : 'server') : 'invalid');
    throw new ApiError(kind, typeof detail === 'string' ? detail : `${method} ${path} failed with HTTP ${response.status}`, response.status);
  }
}
