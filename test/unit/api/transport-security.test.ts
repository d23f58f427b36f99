// Issue 19, item 7: Strict-Transport-Security and CSP `upgrade-insecure-requests` go out only when
// the request came over TLS (here: through a trusted proxy saying `X-Forwarded-Proto: https`).
// Over plain http they made a browser fetch the page's scripts over https, so the page and /docs
// were blank at any address but localhost (test/e2e/other-host-name.test.ts shows it in Chromium).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('transport security headers', () => {
  let direct: Harness;
  let proxied: Harness;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([startHarness(), startHarness({ api: { trustProxy: 'loopback' } })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([direct.close(), proxied.close()]);
  });

  const csp = (response: Response) => response.headers.get('content-security-policy') ?? '';

  it('sends neither over plain http, on the page, /docs and the API', async () => {
    for (const path of ['/', '/docs/', '/healthz', '/openapi.json']) {
      const response = await direct.call('GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
      expect(response.headers.get('cross-origin-opener-policy'), path).toBeNull();
      expect(csp(response), path).not.toMatch(/upgrade-insecure-requests/);
      expect(csp(response), path).toMatch(/script-src 'self'/); // the rest of the policy stays
    }
  });

  it('ignores X-Forwarded-Proto from a proxy it does not trust', async () => {
    const response = await direct.call('GET', '/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(csp(response)).not.toMatch(/upgrade-insecure-requests/);
  });

  it('sends both when a trusted proxy says the request came over https', async () => {
    const response = await proxied.call('GET', '/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(csp(response)).toMatch(/upgrade-insecure-requests/);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const plain = await proxied.call('GET', '/');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});
