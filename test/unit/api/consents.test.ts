/** Consents: a subject grants, lists and revokes; the consumer's access follows at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

describe('consents', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const inDays = (days: number) => new Date(h.now().getTime() + days * 86_400_000).toISOString();
  const consumerRead = () => h.call('GET', `/v1/persons/${SUBJECT}/score`, { key: h.keys.consumer });

  it('opens the score to the named consumer until revoked', async () => {
    expect((await consumerRead()).status).toBe(403);
    const granted = await h.call('POST', '/v1/consents', { key: h.keys.subject, body: { consumer: 'acme-bank', purpose: 'car loan', expiresAt: inDays(30) } });
    expect(granted.status).toBe(201);
    const consent = (await granted.json()) as { id: string; personId: string; state: string };
    expect(consent).toMatchObject({ personId: SUBJECT, state: 'live' });
    expect((await consumerRead()).status).toBe(200);
    expect((await h.store.accessLogOf(SUBJECT, 1))[0]).toMatchObject({ role: 'consumer', consentId: consent.id });

    // The other subject cannot see or revoke it.
    const list = (await (await h.call('GET', '/v1/consents', { key: h.keys.otherSubject })).json()) as { consents: unknown[] };
    expect(list.consents).toEqual([]);
    expect((await h.call('DELETE', `/v1/consents/${consent.id}`, { key: h.keys.otherSubject })).status).toBe(404);

    const revoked = await h.call('DELETE', `/v1/consents/${consent.id}`, { key: h.keys.subject });
    expect(((await revoked.json()) as { state: string }).state).toBe('revoked');
    expect((await consumerRead()).status).toBe(403);
    const mine = (await (await h.call('GET', '/v1/consents', { key: h.keys.subject })).json()) as { consents: { id: string; state: string }[] };
    expect(mine.consents).toEqual([expect.objectContaining({ id: consent.id, state: 'revoked' })]);
  });

  it('expires on time', async () => {
    const granted = (await (await h.call('POST', '/v1/consents', { key: h.keys.subject, body: { consumer: 'acme-bank', purpose: 'rent', expiresAt: inDays(1) } })).json()) as { id: string };
    expect((await consumerRead()).status).toBe(200);
    h.advance(86_400_000 + 1000);
    try {
      expect((await consumerRead()).status).toBe(403);
      const mine = (await (await h.call('GET', '/v1/consents', { key: h.keys.subject })).json()) as { consents: { id: string; state: string }[] };
      expect(mine.consents.find((c) => c.id === granted.id)?.state).toBe('expired');
    } finally {
      h.advance(-(86_400_000 + 1000));
    }
  });

  it('refuses a past expiry, one beyond a year and an unknown consumer', async () => {
    for (const [body, detail] of [
      [{ consumer: 'acme-bank', purpose: 'x', expiresAt: inDays(-1) }, 'expiresAt must be in the future'],
      [{ consumer: 'acme-bank', purpose: 'x', expiresAt: inDays(400) }, 'a consent may run at most 366 days'],
      [{ consumer: 'nobody-inc', purpose: 'x', expiresAt: inDays(1) }, 'no consumer is named "nobody-inc"'],
    ] as const) {
      const response = await h.call('POST', '/v1/consents', { key: h.keys.subject, body });
      expect(response.status).toBe(422);
      expect((await problemOf(response)).detail).toBe(detail);
    }
    const bad = await h.call('POST', '/v1/consents', { key: h.keys.subject, body: { consumer: 'acme-bank', purpose: 'x', expiresAt: 'tomorrow' } });
    expect((await problemOf(bad)).errors?.[0]?.field).toBe('body.expiresAt');
  });
});
