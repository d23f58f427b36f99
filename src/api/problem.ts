/**
 * RFC 9457 problem details: every error the API returns is `application/problem+json` with a
 * stable `type` URI from PROBLEM_TYPES, so clients branch on `type`, never on prose. A handler
 * throws `ApiProblem`; the error handler in app.ts turns anything else into a bare `internal`
 * problem (the cause is logged, never sent: no stack trace leaves the server).
 */

/** Base of every problem `type`; the URI names the problem, it need not resolve. */
export const PROBLEM_BASE = 'https://tiescore.dev/problems/';

/** The problems the API returns: slug → HTTP status and a fixed title. */
export const PROBLEM_TYPES = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'None of the accepted media types can be produced' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'unprocessable': { status: 422, title: 'The request cannot be processed' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'not-ready': { status: 503, title: 'Not ready' },
} as const;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

/** The full `type` URI of a problem slug. */
export const problemType = (slug: ProblemSlug): string => `${PROBLEM_BASE}${slug}`;

/** One field-level error of a `validation-failed` problem. */
export interface FieldError {
  /** Where the value sits: `body.items.3.id`, `query.limit`, `params.id`. */
  field: string;
  message: string;
}

/** The JSON body of a problem response. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Extension members (RFC 9457 §3.2), e.g. `errors` for validation problems. */
  [extension: string]: unknown;
}

/** An error a handler throws to answer with a problem. */
export class ApiProblem extends Error {
  readonly slug: ProblemSlug;
  readonly status: number;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(slug: ProblemSlug, detail: string, options: { extensions?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    super(detail);
    this.name = 'ApiProblem';
    this.slug = slug;
    this.status = PROBLEM_TYPES[slug].status;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  /** The response body; `instance` is the request path. */
  body(instance?: string): ProblemBody {
    return {
      ...this.extensions,
      type: problemType(this.slug),
      title: PROBLEM_TYPES[this.slug].title,
      status: this.status,
      detail: this.message,
      ...(instance === undefined ? {} : { instance }),
    };
  }
}

/** Shorthands for the problems handlers throw most. */
export const notFound = (detail: string) => new ApiProblem('not-found', detail);
export const forbidden = (detail: string) => new ApiProblem('forbidden', detail);
export const conflict = (detail: string) => new ApiProblem('conflict', detail);
export const unprocessable = (detail: string, extensions?: Record<string, unknown>) => new ApiProblem('unprocessable', detail, { extensions });
export const validationFailed = (errors: FieldError[]) =>
  new ApiProblem('validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { extensions: { errors } });
