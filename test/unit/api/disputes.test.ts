/**
 * Disputes end to end: a subject contests an event, an analyst upholds it, the recompute the
 * resolution enqueues runs, and the event no longer counts in the served score.
 */
import { roundShare } from '../../../src/domain/display-numbers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../../src/api/auth/api-keys.js';
import type { CreditEvent } from '../../../src/domain/records.js';
import { scoreOwnDimensions } from '../../../src/score/index.js';
import { SYNTH_AS_OF } from '../../support/synthetic-store.js';
import { problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

describe('disputes', () => {
  let h: Harness;
  let personId: string;
  let key: string;
  let defaulted: CreditEvent;

  beforeAll(async () => {
    h = await startHarness();
    // A person with a recent default on record (it costs points).
    for (let seq = 0; ; seq++) {
      const id = `p${String(seq).padStart(3, '0')}`;
      const event = (await h.store.eventsOf(id)).find((e) => e.kind === 'defaulted' && e.at >= '2024-01-01');
      if (event) {
        personId = id;
        defaulted = event;
        break;
      }
    }
    key = (await issueApiKey(h.store, { role: 'subject', personId })).key;
  });
  afterAll(() => h.close());

  const score = async () => (await (await h.call('GET', `/v1/persons/${personId}/score`, { key })).json()) as { score: number; runId: string; dimensions: { history: number }; disputedEvents: string[] };

  it('an upheld dispute removes the event and, after the recompute, its effect on the score', async () => {
    const before = await score();
    const opened = await h.call('POST', '/v1/disputes', { key, body: { eventId: defaulted.id, reason: 'I never had a loan with this lender' } });
    expect(opened.status).toBe(201);
    const dispute = (await opened.json()) as { id: string; status: string };
    expect(dispute.status).toBe('open');
    expect(opened.headers.get('location')).toBe(`/v1/disputes/${dispute.id}`);
    expect((await h.store.eventsOf(personId)).find((e) => e.id === defaulted.id)?.status).toBe('disputed');
    // An open dispute is visible on the score.
    expect((await score()).disputedEvents).toEqual([defaulted.id]);

    const open = (await (await h.call('GET', '/v1/disputes?status=open', { key: h.keys.analyst })).json()) as { disputes: { id: string }[] };
    expect(open.disputes.map((d) => d.id)).toContain(dispute.id);

    const resolved = await h.call('PATCH', `/v1/disputes/${dispute.id}`, { key: h.keys.analyst, body: { decision: 'uphold', note: 'lender could not document the loan' } });
    expect(resolved.status).toBe(200);
    const body = (await resolved.json()) as { dispute: { status: string; note: string; resolvedBy: string }; recompute: { id: string; state: string } };
    expect(body.dispute).toMatchObject({ status: 'upheld', note: 'lender could not document the loan', resolvedBy: h.keys.analyst.split('_')[1] });
    expect((await h.store.eventsOf(personId)).find((e) => e.id === defaulted.id)?.status).toBe('removed');

    await h.jobs.idle();
    const job = (await (await h.call('GET', `/v1/jobs/${body.recompute.id}`, { key: h.keys.admin })).json()) as { state: string; published: boolean; runId: string };
    // Targeted: an incremental run rescoring the person and those the push from them reaches, not everyone.
    expect(job).toMatchObject({ state: 'completed', published: true, kind: 'incremental' });
    const run = (await h.store.getRun(job.runId))!;
    expect(run.kind).toBe('incremental');
    const { rescored } = run.stats as { rescored: { scored: number } };
    expect(rescored.scored).toBeGreaterThanOrEqual(1);
    expect(rescored.scored).toBeLessThan((await h.store.counts()).persons);

    const after = await score();
    expect(after.runId).toBe(job.runId);
    expect(after.runId).not.toBe(before.runId);
    expect(after.disputedEvents).toEqual([]);
    // The history dimension is exactly the one computed without the event.
    const person = (await h.store.getPerson(personId))!;
    const events = await h.store.eventsOf(personId);
    const withEvent = scoreOwnDimensions({ person, events: events.map((e) => ({ ...e, status: 'active' as const })), asOf: SYNTH_AS_OF, model: h.model });
    const without = scoreOwnDimensions({ person, events: events.filter((e) => e.id !== defaulted.id), asOf: SYNTH_AS_OF, model: h.model });
    // The API gives dimensions to 3 places (numbers leave the service rounded).
    expect(before.dimensions.history).toBe(roundShare(withEvent.history.value));
    expect(after.dimensions.history).toBe(roundShare(without.history.value));
    expect(without.history.value).toBeGreaterThan(withEvent.history.value);
    expect(after.score).toBeGreaterThan(before.score);
  });

  it('a rejected dispute puts the event back; a resolved dispute cannot be resolved again', async () => {
    const event = (await h.store.eventsOf(SUBJECT)).find((e) => e.status === 'active')!;
    const opened = (await (await h.call('POST', '/v1/disputes', { key: h.keys.subject, body: { eventId: event.id, reason: 'wrong amount' } })).json()) as { id: string };
    const again = await h.call('POST', '/v1/disputes', { key: h.keys.subject, body: { eventId: event.id, reason: 'wrong amount' } });
    expect(again.status).toBe(409);
    const rejected = await h.call('PATCH', `/v1/disputes/${opened.id}`, { key: h.keys.analyst, body: { decision: 'reject', note: 'statement matches' } });
    expect(rejected.status).toBe(200);
    expect((await h.store.eventsOf(SUBJECT)).find((e) => e.id === event.id)?.status).toBe('active');
    const twice = await h.call('PATCH', `/v1/disputes/${opened.id}`, { key: h.keys.analyst, body: { decision: 'uphold', note: 'changed my mind' } });
    expect(twice.status).toBe(409);
    expect((await problemOf(twice)).type).toBe('https://tiescore.dev/problems/conflict');
    expect((await h.store.eventsOf(SUBJECT)).find((e) => e.id === event.id)?.status).toBe('active');
  });

  it("a subject cannot dispute someone else's event", async () => {
    const response = await h.call('POST', '/v1/disputes', { key: h.keys.subject, body: { eventId: defaulted.id, reason: 'x' } });
    expect(response.status).toBe(404);
    expect((await h.store.getDispute('nope'))).toBeUndefined();
  });

  it('keeps the decision when the job queue is unreachable, and says so', async () => {
    const { ApiProblem } = await import('../../../src/api/problem.js');
    const event = (await h.store.eventsOf(SUBJECT)).find((e) => e.status === 'active')!;
    const opened = (await (await h.call('POST', '/v1/disputes', { key: h.keys.subject, body: { eventId: event.id, reason: 'duplicate' } })).json()) as { id: string };
    const enqueue = h.jobs.enqueue;
    h.jobs.enqueue = async () => {
      throw new ApiProblem('service-unavailable', 'the job queue (Redis) is not reachable: connect ECONNREFUSED');
    };
    try {
      const response = await h.call('PATCH', `/v1/disputes/${opened.id}`, { key: h.keys.analyst, body: { decision: 'uphold', note: 'duplicate of another record' } });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        dispute: { status: 'upheld' },
        recompute: null,
        recomputeNote: 'the job queue (Redis) is not reachable: connect ECONNREFUSED; the next scheduled recompute applies the decision',
      });
      expect((await h.store.eventsOf(SUBJECT)).find((e) => e.id === event.id)?.status).toBe('removed');
      const jobs = await h.call('POST', '/v1/jobs/recompute', { key: h.keys.admin });
      expect(jobs.status).toBe(503);
      expect((await problemOf(jobs)).type).toBe('https://tiescore.dev/problems/service-unavailable');
    } finally {
      h.jobs.enqueue = enqueue;
    }
  });

  it('requires a note to resolve', async () => {
    const response = await h.call('PATCH', '/v1/disputes/dsp_x', { key: h.keys.analyst, body: { decision: 'uphold' } });
    expect((await problemOf(response)).errors).toEqual([{ field: 'body.note', message: 'is required' }]);
  });
});
