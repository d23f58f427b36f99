/**
 * Bad input on every route, generated from the route table: malformed JSON, a body of the
 * wrong type, unknown body and query fields, a non-JSON body, an oversize body, and person ids
 * carrying quotes and Cypher fragments. Each must be a 4xx problem+json, and nothing may be
 * written (records, consents, disputes, access log, keys, runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRole } from '../../../src/domain/safeguards.js';
import { grantOf, type AnyRoute } from '../../../src/api/route.js';
import { problemStatuses } from '../../../src/api/openapi.js';
import { ROUTES } from '../../../src/api/routes/index.js';
import { problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

const HOSTILE_IDS = [
  `x' OR '1'='1`,
  `p000"}) MATCH (n) DETACH DELETE n //`,
  `p000') CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) //`,
  `$id`,
  `\\u0027; DROP TABLE persons; --`,
];

const BODY_LIMIT = 4096;

describe('bad input on every route', () => {
  let h: Harness;
  const snapshot = async () => ({
    counts: await h.store.counts(),
    log: (await h.store.accessLogOf(SUBJECT, 100_000)).length,
    consents: (await h.store.consentsOf(SUBJECT)).length,
    disputes: (await h.store.listDisputes()).length,
    keys: (await h.store.listApiKeys()).length,
    runs: (await h.store.listRuns(1000)).length,
    events: JSON.stringify(await h.store.eventsOf(SUBJECT)),
  });
  let before: Awaited<ReturnType<typeof snapshot>>;

  /** A key of a role the route admits, the person the path should name, and the role. */
  const callerFor = (route: AnyRoute): { key: string | undefined; role: ApiRole | undefined } => {
    if (route.access === 'public') return { key: undefined, role: undefined };
    for (const role of ['analyst', 'admin', 'subject', 'consumer'] as const) {
      if (grantOf(route.access, role)) return { key: role === 'consumer' ? h.keys.consumer : h.keys[role], role };
    }
    throw new Error(`no role for ${route.path}`);
  };
  const pathOf = (route: AnyRoute, id = SUBJECT) =>
    route.path.replace('{id}', encodeURIComponent(id)).replace('{kind}', 'persons');

  beforeAll(async () => {
    h = await startHarness({ api: { bodyLimitBytes: BODY_LIMIT } });
    before = await snapshot();
  });
  afterAll(async () => {
    // Nothing any of these requests did may have written anything.
    expect(await snapshot()).toEqual(before);
    await h.close();
  });

  for (const route of ROUTES.filter((r) => r.body)) {
    describe(`${route.method.toUpperCase()} ${route.path}`, () => {
      it('malformed JSON → 400 malformed-json', async () => {
        const { key } = callerFor(route);
        const response = await h.call(route.method.toUpperCase(), pathOf(route), { key, rawBody: '{"shocks": [' });
        expect(response.status).toBe(400);
        expect((await problemOf(response)).type).toBe('https://tiescore.dev/problems/malformed-json');
      });
      it('a body of the wrong type → 400 naming the body', async () => {
        const { key } = callerFor(route);
        const response = await h.call(route.method.toUpperCase(), pathOf(route), { key, body: [1, 2, 3] });
        const problem = await problemOf(response);
        expect(response.status).toBe(400);
        expect(problem.type).toBe('https://tiescore.dev/problems/validation-failed');
        expect(problem.errors?.[0]?.field).toBe('body');
      });
      it('an unknown field → 400 naming it', async () => {
        const { key } = callerFor(route);
        const response = await h.call(route.method.toUpperCase(), pathOf(route), { key, body: { zz_unknown: 1 } });
        const problem = await problemOf(response);
        expect(response.status).toBe(400);
        expect(problem.errors).toContainEqual({ field: 'body.zz_unknown', message: 'is not a known field' });
      });
      it('a body that is not JSON → 415', async () => {
        const { key } = callerFor(route);
        const response = await h.call(route.method.toUpperCase(), pathOf(route), { key, rawBody: 'token=abc', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(response.status).toBe(415);
        expect((await problemOf(response)).type).toBe('https://tiescore.dev/problems/unsupported-media-type');
      });
      it('an oversize body → 413', async () => {
        const { key } = callerFor(route);
        const response = await h.call(route.method.toUpperCase(), pathOf(route), { key, body: { pad: 'x'.repeat(BODY_LIMIT * 2) } });
        expect(response.status).toBe(413);
        expect((await problemOf(response)).type).toBe('https://tiescore.dev/problems/payload-too-large');
      });
    });
  }

  for (const route of ROUTES) {
    it(`${route.method.toUpperCase()} ${route.path}: an unknown query field → 400 naming it`, async () => {
      const { key } = callerFor(route);
      const response = await h.call(route.method.toUpperCase(), `${pathOf(route)}?zz_unknown=1`, { key, body: route.body ? {} : undefined });
      const problem = await problemOf(response);
      expect(response.status).toBe(400);
      expect(problem.errors).toContainEqual({ field: 'query.zz_unknown', message: 'is not a known field' });
    });
  }

  for (const route of ROUTES.filter((r) => r.path.includes('{id}'))) {
    for (const id of HOSTILE_IDS) {
      it(`${route.method.toUpperCase()} ${route.path} with id ${JSON.stringify(id)} → 4xx problem`, async () => {
        const { key } = callerFor(route);
        const response = await h.call(route.method.toUpperCase(), pathOf(route, id), { key, body: route.body ? {} : undefined });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        // The status is one the OpenAPI document lists for this route.
        expect(problemStatuses(route)).toContain(response.status);
        await problemOf(response);
      });
    }
  }

  it('a wrong value type in a query → 400 naming the field', async () => {
    const response = await h.call('GET', '/v1/influence/top?limit=lots', { key: h.keys.analyst });
    const problem = await problemOf(response);
    expect(response.status).toBe(400);
    expect(problem.errors).toEqual([{ field: 'query.limit', message: 'must be a whole number' }]);
    const repeated = await h.call('GET', '/v1/influence/top?limit=1&limit=2', { key: h.keys.analyst });
    expect(repeated.status).toBe(400);
  });

  it('wrong types inside a body name the field path', async () => {
    const response = await h.call('POST', '/v1/contagion/simulate', {
      key: h.keys.analyst,
      body: { shocks: [{ personId: SUBJECT, ownScore: 'high' }], limit: '10' },
    });
    const problem = await problemOf(response);
    expect(problem.errors?.map((e) => e.field)).toEqual(['body.shocks.0.ownScore', 'body.limit']);
    expect(problem.detail).toContain('body.shocks.0.ownScore: must be "default" or a number in [0, 1]');
  });

  it('hostile ids in bodies are refused or not found, never run', async () => {
    const shock = await h.call('POST', '/v1/contagion/simulate', { key: h.keys.analyst, body: { shocks: [{ personId: HOSTILE_IDS[1], ownScore: 0 }] } });
    expect(shock.status).toBe(404);
    const dispute = await h.call('POST', '/v1/disputes', { key: h.keys.subject, body: { eventId: HOSTILE_IDS[0], reason: 'x' } });
    expect(dispute.status).toBe(404);
    const control = await h.call('POST', '/v1/disputes', { key: h.keys.subject, body: { eventId: 'e0-0\u0000', reason: 'x' } });
    expect((await problemOf(control)).errors?.[0]?.field).toBe('body.eventId');
  });

  it('a chunked body that is not JSON → 415 too', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('token=abc'));
        controller.close();
      },
    });
    const response = await fetch(`${h.url}/v1/attestations/verify`, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(415);
  });

  it('never answers with a stack trace', async () => {
    const response = await h.call('POST', '/v1/contagion/simulate', { key: h.keys.analyst, rawBody: '{' });
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(text).not.toContain('SyntaxError');
  });
});
