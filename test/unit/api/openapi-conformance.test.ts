/**
 * The conformance check itself (test/support/openapi-conformance.ts): it must catch an undeclared
 * status, a body that breaks its schema, an undeclared content type and a missing required header,
 * and pass what the document declares.
 */
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../src/api/openapi.js';
import { ROUTES } from '../../../src/api/routes/index.js';
import { ConformanceChecker, type OpenApiDocument } from '../../support/openapi-conformance.js';

const checker = new ConformanceChecker(buildOpenApiDocument(ROUTES, { version: 'test' }) as OpenApiDocument);
const json = (status: number, body: unknown, headers: Record<string, string> = {}, type = 'application/json') => ({
  status,
  headers: new Headers({ 'content-type': `${type}; charset=utf-8`, 'x-request-id': 'r1', ...headers }),
  text: JSON.stringify(body),
});
const job = { id: 'j1', state: 'waiting', createdAt: '2026-01-01T00:00:00.000Z' };

describe('conformance checker', () => {
  it('passes a response the document declares', () => {
    expect(checker.violations('GET', '/v1/jobs/j1', json(200, job))).toEqual([]);
    expect(checker.violations('POST', '/v1/attestations/verify', json(200, { valid: false, reason: 'expired' }))).toEqual([]);
    expect(checker.violations('GET', '/v1/disputes?offset=0', json(200, { total: 0, disputes: [] }))).toEqual([]);
  });

  it('catches an undeclared status', () => {
    const [violation] = checker.violations('GET', '/v1/jobs/j1', json(418, job));
    expect(violation).toMatch(/getJob .* status 418 is not declared/);
    // /healthz is not rate limited, so a 429 there is undeclared too.
    expect(checker.violations('GET', '/healthz', json(429, { type: 'x', title: 't', status: 429 }, {}, 'application/problem+json'))[0]).toMatch(/status 429 is not declared/);
  });

  it('catches a body that breaks its schema', () => {
    // Job is never null; a verdict is valid with kid and claims or invalid with a reason, not both shapes mixed.
    expect(checker.violations('GET', '/v1/jobs/j1', json(200, null))[0]).toMatch(/breaks its schema/);
    expect(checker.violations('POST', '/v1/attestations/verify', json(200, { valid: true, reason: 'x' }))[0]).toMatch(/breaks its schema/);
    // A field the schema does not name (objects are closed).
    expect(checker.violations('GET', '/v1/jobs/j1', json(200, { ...job, secret: 1 }))[0]).toMatch(/must NOT have additional properties/);
  });

  it('catches an undeclared content type and a missing required header', () => {
    expect(checker.violations('GET', '/v1/jobs/j1', { ...json(200, job), headers: new Headers({ 'content-type': 'text/html', 'x-request-id': 'r' }) })[0]).toMatch(/content type text\/html is not declared/);
    expect(checker.violations('GET', '/v1/jobs/j1', { ...json(200, job), headers: new Headers({ 'content-type': 'application/json' }) })[0]).toMatch(/required header X-Request-Id is missing/);
    const created = json(202, job);
    expect(checker.violations('POST', '/v1/jobs/recompute', created)).toEqual(['startRecompute (POST /v1/jobs/recompute) → 202: required header Location is missing']);
  });

  it('leaves requests alone that match no operation', () => {
    expect(checker.violations('GET', '/nowhere', json(404, {}))).toEqual([]);
    expect(checker.violations('PUT', '/v1/jobs/j1', json(405, {}))).toEqual([]);
  });
});
