// Issue 19, item 6: the smaller holes a review found.
// - Personal-data responses carried no `Cache-Control: no-store` (a shared cache or the browser's
//   could keep a score).
// - Two consumer keys could share a name, so one lender's consent admitted another.
// - An erased person's attestation still verified as valid.
// - Free text (consent purpose, dispute reason and note) took control characters and lone surrogates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyError, issueApiKey } from '../../../src/api/auth/api-keys.js';
import { problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

const future = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

describe('review holes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(() => h.close());

  it('marks every personal-data response no-store', async () => {
    const consent = await h.call('POST', '/v1/consents', { key: h.keys.subject, body: { consumer: 'acme-bank', purpose: 'car loan', expiresAt: future() } });
    expect(consent.status).toBe(201);
    expect(consent.headers.get('cache-control')).toBe('no-store');
    const reads: [string, string][] = [
      [`/v1/persons/${SUBJECT}/score`, h.keys.subject],
      [`/v1/persons/${SUBJECT}/score`, h.keys.consumer],
      [`/v1/persons/${SUBJECT}/explanation`, h.keys.analyst],
      [`/v1/persons/${SUBJECT}/history`, h.keys.subject],
      [`/v1/persons/${SUBJECT}/access-log`, h.keys.subject],
      ['/v1/consents', h.keys.subject],
      [`/v1/persons/${SUBJECT}/network?depth=1`, h.keys.analyst],
      ['/v1/disputes', h.keys.analyst],
    ];
    for (const [path, key] of reads) {
      const response = await h.call('GET', path, { key });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    // Errors about a person are personal too.
    expect((await h.call('GET', '/v1/persons/nobody/score', { key: h.keys.analyst })).headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a second consumer key with a name already given to one', async () => {
    await expect(issueApiKey(h.store, { role: 'consumer', name: 'acme-bank' })).rejects.toThrow(ApiKeyError);
    await expect(issueApiKey(h.store, { role: 'consumer', name: 'ACME-bank' })).rejects.toThrow('a consumer key named "ACME-bank" exists already');
    // Revoked names stay taken: consents granted to the old holder must not pass to a new one.
    const old = await issueApiKey(h.store, { role: 'consumer', name: 'old-lender' });
    await h.store.revokeApiKey(old.record.id, new Date().toISOString());
    await expect(issueApiKey(h.store, { role: 'consumer', name: 'old-lender' })).rejects.toThrow(ApiKeyError);
    expect((await issueApiKey(h.store, { role: 'consumer', name: 'new-lender' })).record.name).toBe('new-lender');
  });

  it('does not vouch for an erased person', async () => {
    const person = 'p050';
    const { key } = await issueApiKey(h.store, { role: 'subject', personId: person });
    const issued = await h.call('POST', `/v1/persons/${person}/attestations`, { key });
    expect(issued.status).toBe(201);
    const { token } = (await issued.json()) as { token: string };
    const verify = async () => (await (await h.call('POST', '/v1/attestations/verify', { body: { token } })).json()) as { valid: boolean; reason?: string };
    expect((await verify()).valid).toBe(true);
    expect((await h.call('DELETE', `/v1/persons/${person}`, { key: h.keys.admin })).status).toBe(200);
    expect(await verify()).toEqual({ valid: false, reason: 'the person it names no longer exists (erased)' });
  });

  it('refuses control characters and lone surrogates in free text', async () => {
    const events = await h.store.eventsOf(SUBJECT);
    expect(events.length).toBeGreaterThan(0);
    const bad = ['car\u0000loan', 'car\u001b[31mloan', 'car\u0085loan', 'car\u202Eloan', 'lone \uD800 high', 'lone \uDC00 low'];
    for (const text of bad) {
      const consent = await h.call('POST', '/v1/consents', { key: h.keys.subject, body: { consumer: 'acme-bank', purpose: text, expiresAt: future() } });
      expect(consent.status, JSON.stringify(text)).toBe(400);
      expect((await problemOf(consent)).errors?.[0]?.field).toBe('body.purpose');
      const dispute = await h.call('POST', '/v1/disputes', { key: h.keys.subject, body: { eventId: events[0]!.id, reason: text } });
      expect(dispute.status, JSON.stringify(text)).toBe(400);
      expect((await problemOf(dispute)).errors?.[0]?.field).toBe('body.reason');
    }
    // Line breaks and tabs are fine in a dispute's reason, and so is any well-formed Unicode.
    const fine = await h.call('POST', '/v1/disputes', { key: h.keys.subject, body: { eventId: events[0]!.id, reason: 'Not mine:\n\tpaid in full 😀 — Zoë' } });
    expect(fine.status).toBe(201);
  });
});
