import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

describe('API skeleton', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ api: { bodyLimitBytes: 2048, corsOrigins: ['https://app.example'] } });
  });
  afterAll(() => h.close());

  it('answers /healthz and /readyz', async () => {
    const health = await h.call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await h.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', queue: 'ok' } });
  });

  it('sets helmet headers and no X-Powered-By', async () => {
    const response = await h.call('GET', '/healthz');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers an unknown path with a not-found problem, and a wrong method with 405 + Allow', async () => {
    const missing = await h.call('GET', '/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).type).toBe('https://tiescore.dev/problems/not-found');
    const wrong = await h.call('DELETE', '/healthz');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    expect((await problemOf(wrong)).type).toBe('https://tiescore.dev/problems/method-not-allowed');
  });

  it('exposes Prometheus metrics labelled by route, not by URL', async () => {
    await h.call('GET', `/v1/persons/${SUBJECT}/score`, { key: h.keys.subject });
    const text = await (await h.call('GET', '/metrics')).text();
    expect(text).toMatch(/tiescore_http_requests_total\{method="GET",route="GET \/v1\/persons\/\{id\}\/score",status="200"\} 1/);
    expect(text).not.toContain(SUBJECT);
    expect(text).toContain('tiescore_process_cpu_user_seconds_total');
    expect(text).toMatch(/\ntiescore_score_cache_persons 1\n/); // the subject's score, held for their next read
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await h.call('GET', '/healthz', { headers: { origin: 'https://app.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await h.call('GET', '/healthz', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await h.call('OPTIONS', '/v1/consents', {
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('refuses a body over the limit with a 413 problem', async () => {
    const response = await h.call('POST', '/v1/attestations/verify', { rawBody: JSON.stringify({ token: 'x'.repeat(4000) }) });
    expect(response.status).toBe(413);
    expect((await problemOf(response)).type).toBe('https://tiescore.dev/problems/payload-too-large');
  });

  it('never logs the API key or the Authorization header', async () => {
    await h.call('GET', `/v1/persons/${SUBJECT}/score`, { key: h.keys.subject });
    const secret = h.keys.subject.split('_').slice(2).join('_');
    const logs = h.logs();
    expect(logs).toContain(`/v1/persons/${SUBJECT}/score`);
    expect(logs).not.toContain(secret);
    expect(logs.toLowerCase()).not.toContain('bearer');
  });

  it('serves the OpenAPI document and the docs page from local assets', async () => {
    const doc = (await (await h.call('GET', '/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/persons/{id}/score');
    const page = await h.call('GET', '/docs/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const init = await (await h.call('GET', '/docs/swagger-initializer.js')).text();
    expect(init).toContain("url: '../openapi.json'");
    const bundle = await h.call('GET', '/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
  });
});
