/** The Location of a new consent, dispute or job answers GET (issue 24, item 4); others' ids are "not found". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER, problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

describe('Location of created resources', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a new consent: GET at its Location gives the same consent to its subject, 404 to another subject', async () => {
    const created = await h.call('POST', '/v1/consents', { key: h.keys.subject, body: { consumer: 'acme-bank', purpose: 'a loan', expiresAt: new Date(h.now().getTime() + 86_400_000).toISOString() } });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    const consent = (await created.json()) as { id: string; state: string };
    expect(location).toBe(`/v1/consents/${consent.id}`);
    const read = await h.call('GET', location, { key: h.keys.subject });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(consent);
    expect(consent.state).toBe('live');
    const other = await h.call('GET', location, { key: h.keys.otherSubject });
    expect(other.status).toBe(404);
    expect((await problemOf(other)).type).toBe('https://tiescore.dev/problems/not-found');
  });

  it('a new dispute: GET at its Location gives it to its subject and to analysts, 404 to another subject', async () => {
    const event = (await h.store.eventsOf(SUBJECT)).find((e) => e.status === 'active')!;
    const created = await h.call('POST', '/v1/disputes', { key: h.keys.subject, body: { eventId: event.id, reason: 'not mine' } });
    expect(created.status).toBe(201);
    const dispute = (await created.json()) as { id: string; personId: string };
    const location = created.headers.get('location')!;
    expect(location).toBe(`/v1/disputes/${dispute.id}`);
    for (const key of [h.keys.subject, h.keys.analyst]) {
      const read = await h.call('GET', location, { key });
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(dispute);
    }
    expect(dispute.personId).toBe(SUBJECT);
    expect((await h.call('GET', location, { key: h.keys.otherSubject })).status).toBe(404);
    expect(OTHER).not.toBe(SUBJECT);
  });

  it('a new job: GET at its Location answers', async () => {
    const created = await h.call('POST', '/v1/jobs/recompute', { key: h.keys.admin, body: { asOf: '2026-06-30' } });
    expect(created.status).toBe(202);
    const read = await h.call('GET', created.headers.get('location')!, { key: h.keys.admin });
    expect(read.status).toBe(200);
    await h.jobs.idle();
  });
});
