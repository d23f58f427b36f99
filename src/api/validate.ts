/**
 * Request validation: path parameters, query and body each parsed by the route's zod schema
 * (strict objects: unknown fields are refused), every problem reported with the field named.
 */
import { z } from 'zod';
import { validationFailed, type FieldError } from './problem.js';

export type RequestPart = 'params' | 'query' | 'body';

/** A route without a schema for a part accepts nothing there. */
export const NOTHING = z.strictObject({});

/** zod issues → field errors named `part.path.to.field`. */
export function fieldErrors(part: RequestPart, error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const base = [part, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: `${base}.${key}`, message: 'is not a known field' }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return [{ field: base, message: 'is required' }];
    return [{ field: base, message: issue.message }];
  });
}

/**
 * Parses every part; throws one `validation-failed` problem listing all errors.
 *
 * @example
 * const { params, query, body } = parseRequest({ params: schema }, { params: req.params, query: req.query, body: req.body });
 */
export function parseRequest(
  schemas: Partial<Record<RequestPart, z.ZodType>>,
  raw: Record<RequestPart, unknown>,
): Record<RequestPart, unknown> {
  const errors: FieldError[] = [];
  const out: Record<RequestPart, unknown> = { params: undefined, query: undefined, body: undefined };
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = schemas[part];
    let value = raw[part];
    if (!schema) {
      // No schema: no path parameters, no query fields and no body are accepted.
      if (part === 'body' && value === undefined) continue;
      value ??= {};
    }
    const result = (schema ?? NOTHING).safeParse(value, { reportInput: true });
    if (result.success) out[part] = result.data;
    else errors.push(...fieldErrors(part, result.error));
  }
  if (errors.length > 0) throw validationFailed(errors.slice(0, 20));
  return out;
}
