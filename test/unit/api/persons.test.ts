/**
 * Data-subject rights over the API (memory store, jobs inline): the export shows a person
 * everything about them and nothing about anyone else; a subject erases only after confirming
 * with a short-lived token bound to them and their key, an admin at once; the recompute the
 * erasure enqueues rescores the former contacts; ingestion refuses the erased person after.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../../src/api/auth/api-keys.js';
import type { PersonExport } from '../../../src/privacy/person-export.js';
import { OTHER, problemOf, startHarness, SUBJECT, type Harness } from './harness.js';
import { contactSeqsOf } from '../../support/edge-rows.js';

describe('person export and erasure', () => {
  let h: Harness;

  /** Ids of the persons linked to `id` by a friendship or a payment. */
  async function contactsOf(id: string): Promise<string[]> {
    const seq = (await h.store.getPerson(id))!.seq;
    return (await h.store.personsAtSeqs(await contactSeqsOf(h.store, seq))).map((p) => p.id);
  }

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('exports the subject\'s own data, logged, with contacts as counts and no one else\'s id or score', async () => {
    const response = await h.call('GET', `/v1/persons/${SUBJECT}/export`, { key: h.keys.subject });
    expect(response.status).toBe(200);
    const text = await response.text();
    const doc = JSON.parse(text) as PersonExport;
    const contacts = await contactsOf(SUBJECT);
    expect(doc.contacts.contacts).toBe(contacts.length);
    expect(doc.events).toHaveLength((await h.store.eventsOf(SUBJECT)).length);
    expect(doc.scores.map((s) => s.score)).toEqual((await h.store.scoreHistory(SUBJECT)).map((s) => s.score));
    for (const contact of contacts) expect(text).not.toContain(`"${contact}"`);
    expect((await h.store.accessLogOf(SUBJECT, 1))[0]).toMatchObject({ kind: 'export', role: 'subject' });

    const zip = await h.call('GET', `/v1/persons/${SUBJECT}/export?format=csv`, { key: h.keys.admin });
    expect(zip.headers.get('content-disposition')).toBe(`attachment; filename="tiescore-export-${SUBJECT}.zip"`);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(strFromU8(files['person.csv']!).split('\r\n')[1]!.startsWith(`${SUBJECT},`)).toBe(true);

    expect((await h.call('GET', `/v1/persons/${SUBJECT}/export`, { key: h.keys.otherSubject })).status).toBe(403);
    expect((await h.call('GET', `/v1/persons/${SUBJECT}/export?format=xml`, { key: h.keys.admin })).status).toBe(400);
    expect((await problemOf(await h.call('GET', '/v1/persons/nobody/export', { key: h.keys.admin }))).status).toBe(404);
  });

  it('a subject erases only with a fresh token of their own; the recompute rescores their former contacts', async () => {
    const person = 'p010';
    const key = (await issueApiKey(h.store, { role: 'subject', personId: person })).key;
    const contacts = await contactsOf(person);
    expect(contacts.length).toBeGreaterThan(0);

    const first = await h.call('DELETE', `/v1/persons/${person}`, { key });
    expect(first.status).toBe(202);
    const { confirm, expiresAt } = (await first.json()) as { confirm: string; expiresAt: string };
    expect(Date.parse(expiresAt) - h.now().getTime()).toBeGreaterThan(9 * 60_000);
    // Another subject's token is no good for this person (and that subject cannot aim here at all).
    const other = (await (await h.call('DELETE', `/v1/persons/${SUBJECT}`, { key: h.keys.subject })).json()) as { confirm: string };
    expect((await problemOf(await h.call('DELETE', `/v1/persons/${person}?confirm=${other.confirm}`, { key }))).status).toBe(422);
    expect((await h.call('DELETE', `/v1/persons/${person}?confirm=${confirm}`, { key: h.keys.otherSubject })).status).toBe(403);
    h.advance(11 * 60_000);
    const expired = await problemOf(await h.call('DELETE', `/v1/persons/${person}?confirm=${confirm}`, { key }));
    expect(expired.detail).toMatch(/expired/);
    expect(await h.store.getPerson(person)).toBeDefined();

    const fresh = (await (await h.call('DELETE', `/v1/persons/${person}`, { key })).json()) as { confirm: string };
    const erased = await h.call('DELETE', `/v1/persons/${person}?confirm=${fresh.confirm}`, { key });
    expect(erased.status).toBe(200);
    const body = (await erased.json()) as { contactsToRescore: number; removed: { apiKeys: number }; recompute: { id: string } };
    expect(body.contactsToRescore).toBe(contacts.length);
    expect(body.removed.apiKeys).toBe(1);
    expect(await h.store.getPerson(person)).toBeUndefined();

    await h.jobs.idle();
    const job = (await (await h.call('GET', `/v1/jobs/${body.recompute.id}`, { key: h.keys.admin })).json()) as { state: string; kind: string; runId: string };
    expect(job).toMatchObject({ state: 'completed', kind: 'incremental' });
    const run = (await h.store.publishedRun())!;
    expect(run.id).toBe(job.runId);
    for (const contact of contacts) expect((await h.store.scoreIn(run, contact))?.runId).toBe(run.id);
    // The analysts' network no longer knows the person.
    expect((await h.call('GET', `/v1/persons/${person}/network?depth=1`, { key: h.keys.analyst })).status).toBe(404);
  });

  it('an admin erases at once, and ingestion refuses the person after unless allowErased=true', async () => {
    const person = 'p020';
    const stored = (await h.store.getPerson(person))!;
    const erased = await h.call('DELETE', `/v1/persons/${person}`, { key: h.keys.admin });
    expect(erased.status).toBe(200);
    expect((await h.call('DELETE', `/v1/persons/${person}`, { key: h.keys.admin })).status).toBe(404);
    expect((await h.call('DELETE', `/v1/persons/${OTHER}`, { key: h.keys.analyst })).status).toBe(403);

    const item = {
      id: person, verified: stored.verified, account_created: stored.accountCreated, income_monthly: stored.incomeMonthly, debt_monthly: stored.debtMonthly,
      assets: stored.assets, bills_on_time_ratio: stored.billsOnTimeRatio, activity_regularity: stored.activityRegularity, address_changes: stored.addressChanges,
    };
    const refused = (await (await h.call('POST', '/v1/ingest/persons', { key: h.keys.admin, body: { items: [item] } })).json()) as { accepted: number; errors: { index: number; reason: string }[] };
    expect(refused).toMatchObject({ accepted: 0, errors: [{ index: 0, reason: `person "${person}" was erased; bringing them back needs allowErased=true` }] });
    const edge = (await (await h.call('POST', '/v1/ingest/friendships', { key: h.keys.admin, body: { items: [{ a: OTHER, b: person, since: '2024-01-01' }] } })).json()) as { errors: { reason: string }[] };
    expect(edge.errors[0]?.reason).toMatch(/was erased/);
    const allowed = (await (await h.call('POST', '/v1/ingest/persons?allowErased=true', { key: h.keys.admin, body: { items: [item] } })).json()) as { created: number };
    expect(allowed.created).toBe(1);
    await h.jobs.idle();
  });
});
