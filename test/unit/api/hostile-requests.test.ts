/**
 * Requests the HTTP fuzz found answered 500, kept as fixed cases: a path parameter that is not
 * valid percent-encoded UTF-8, and a body whose Content-Encoding does not decode. And CORS stays
 * closed when no origin is configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../support/route-fuzz.js';
import { problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

describe('hostile requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ persons: 100 });
  });
  afterAll(() => h.close());

  it.each(['%F0%9F%98', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%zz'])('a path parameter %s that does not decode is a 400 problem', async (segment) => {
    const response = await h.call('GET', `/v1/persons/${segment}/score`, { key: h.keys.analyst });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([{ field: 'params', message: 'is not valid percent-encoded UTF-8' }]);
  });

  it.each(['gzip', 'deflate', 'br'])('a body that is not %s-encoded as it says is a 400 problem', async (encoding) => {
    const response = await send(h.url, {
      method: 'POST',
      path: '/v1/attestations/verify',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: Buffer.from('{"token":"x"}'),
      note: encoding,
    });
    expect(response?.status).toBe(400);
    expect(response?.contentType).toMatch(/^application\/problem\+json/);
  });

  it('CORS is closed when no origin is configured', async () => {
    const preflight = await h.call('OPTIONS', '/v1/consents', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    const read = await h.call('GET', `/v1/persons/${SUBJECT}/score`, { key: h.keys.subject, headers: { origin: 'https://evil.example' } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});
