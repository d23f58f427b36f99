/** Ingestion, recompute jobs, readiness and rate limiting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

const person = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  verified: true,
  account_created: '2021-03-01',
  income_monthly: 3200,
  debt_monthly: '400',
  assets: 5000,
  bills_on_time_ratio: 0.9,
  activity_regularity: 0.8,
  address_changes: 0,
  ...extra,
});

describe('batch ingestion', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const ingest = (kind: string, items: unknown[], query = '') => h.call('POST', `/v1/ingest/${kind}${query}`, { key: h.keys.admin, body: { items } });

  it('writes the good items and reports each bad one by index, with the import rules', async () => {
    const before = await h.store.counts();
    const response = await ingest('persons', [
      person('new-1'),
      person('new-2', { income_monthly: -5 }),
      person('new-3', { colour: 'blue' }),
      person('new-4', { account_created: '2021-02-30' }),
      'not an object',
      person(`odd "id'); MATCH (n) DETACH DELETE n //`),
    ]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accepted: number; rejected: number; created: number; errors: { index: number; reason: string }[] };
    expect(body).toMatchObject({ accepted: 2, rejected: 4, created: 2 });
    expect(body.errors).toEqual([
      { index: 1, reason: 'income_monthly: must not be negative' },
      { index: 2, reason: 'unknown column "colour"' },
      { index: 3, reason: 'account_created: is not a calendar date' },
      { index: 4, reason: expect.stringContaining('expected object') },
    ]);
    expect((await h.store.counts()).persons).toBe(before.persons + 2);
    expect(await h.store.getPerson('new-2')).toBeUndefined();
    // A Cypher fragment in an id is just an id.
    expect((await h.store.getPerson(`odd "id'); MATCH (n) DETACH DELETE n //`))?.debtMonthly).toBe(400);
    expect((await h.store.counts()).friendships).toBe(before.friendships);
  });

  it('takes a person with only an id, and nulls or empty strings as unknown', async () => {
    const response = await ingest('persons', [{ id: 'only-id' }, { id: 'some-null', verified: null, income_monthly: '', assets: 900 }]);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 2, rejected: 0, errors: [] });
    expect(await h.store.getPerson('only-id')).toEqual({ id: 'only-id', seq: expect.any(Number) });
    expect(await h.store.getPerson('some-null')).toEqual({ id: 'some-null', seq: expect.any(Number), assets: 900 });
  });

  it('refuses edges and events naming unknown persons', async () => {
    const response = await ingest('events', [
      { id: 'ev-new-1', person_id: 'new-1', kind: 'repaid_late', at: '2026-01-05', amount: 120, source: 'bank' },
      { id: 'ev-new-2', person_id: 'ghost', kind: 'defaulted', at: '2026-01-05', amount: 120, source: 'bank' },
    ]);
    const body = (await response.json()) as { accepted: number; errors: unknown[] };
    expect(body.accepted).toBe(1);
    expect(body.errors).toEqual([{ index: 1, reason: 'person "ghost" does not exist' }]);
    expect((await h.store.eventsOf('new-1')).map((e) => e.id)).toEqual(['ev-new-1']);
  });

  it('with strict=true writes nothing when any item is refused', async () => {
    const before = await h.store.counts();
    const response = await ingest('friendships', [{ a: SUBJECT, b: 'new-1', since: '2025-01-01' }, { a: SUBJECT, b: SUBJECT, since: '2025-01-01' }], '?strict=true');
    expect(response.status).toBe(422);
    const problem = (await problemOf(response)) as { itemErrors?: unknown };
    expect(problem.itemErrors).toEqual([{ index: 1, reason: 'b: a person cannot befriend themselves' }]);
    expect(await h.store.counts()).toEqual(before);
  });

  it('is idempotent: the same batch again changes nothing', async () => {
    const items = [{ from: SUBJECT, to: 'new-1', count: 3, amount: 90, last_at: '2026-05-01' }];
    expect(await (await ingest('transactions', items)).json()).toMatchObject({ created: 1 });
    expect(await (await ingest('transactions', items)).json()).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('starts a recompute job and reports its progress', async () => {
    const started = await h.call('POST', '/v1/jobs/recompute', { key: h.keys.admin, body: { asOf: '2026-06-30' } });
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: string; state: string };
    expect(started.headers.get('location')).toBe(`/v1/jobs/${job.id}`);
    await h.jobs.idle();
    const done = (await (await h.call('GET', `/v1/jobs/${job.id}`, { key: h.keys.admin })).json()) as { state: string; runId: string; progress: { step: string } };
    expect(done).toMatchObject({ state: 'completed', progress: { step: 'SCORE' } });
    expect((await h.store.publishedRun())?.id).toBe(done.runId);
    // The new persons are scored now.
    expect((await h.call('GET', '/v1/persons/new-1/score', { key: h.keys.analyst })).status).toBe(200);
    expect((await h.call('GET', '/v1/jobs/nope', { key: h.keys.admin })).status).toBe(404);
  });

  it('starts an incremental recompute on the published run; refuses one with an as-of date', async () => {
    const refused = await h.call('POST', '/v1/jobs/recompute', { key: h.keys.admin, body: { kind: 'incremental', asOf: '2026-06-30' } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { detail: string }).detail).toContain('asOf');
    const base = (await h.store.publishedRun())!;
    const started = await h.call('POST', '/v1/jobs/recompute', { key: h.keys.admin, body: { kind: 'incremental' } });
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: string; kind: string };
    expect(job.kind).toBe('incremental');
    await h.jobs.idle();
    const done = (await (await h.call('GET', `/v1/jobs/${job.id}`, { key: h.keys.admin })).json()) as { state: string; runId: string };
    expect(done.state).toBe('completed');
    const run = (await h.store.getRun(done.runId))!;
    expect(run).toMatchObject({ kind: 'incremental', asOf: base.asOf });
  });
});

describe('readiness and rate limits', () => {
  it('answers 503 with the reason when the store does not answer', async () => {
    const h = await startHarness();
    try {
      h.store.publishedRun = async () => {
        throw new Error('connection refused');
      };
      const response = await h.call('GET', '/readyz');
      expect(response.status).toBe(503);
      const problem = (await problemOf(response)) as { type: string; detail?: string; checks?: unknown };
      expect(problem.type).toBe('https://tiescore.dev/problems/not-ready');
      expect(problem.detail).toBe('store unreachable: connection refused');
      expect(problem.checks).toEqual({ store: 'unreachable: connection refused', queue: 'ok' });
      expect((await h.call('GET', '/healthz')).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('limits requests per key with RateLimit headers and a 429 problem', async () => {
    const h = await startHarness({ api: { rateLimitPerMinute: 3 } });
    try {
      const path = `/v1/persons/${SUBJECT}/score`;
      const first = await h.call('GET', path, { key: h.keys.subject });
      expect(first.headers.get('ratelimit-policy')).toMatch(/q=3; w=60/);
      expect(first.headers.get('ratelimit')).toMatch(/r=2; t=\d+/);
      // The first request counted against the address (the key was not known to the process yet,
      // rate-limit.ts); from then on the key has its own budget of 3.
      for (let i = 0; i < 3; i++) expect((await h.call('GET', path, { key: h.keys.subject })).status).toBe(200);
      const limited = await h.call('GET', path, { key: h.keys.subject });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await problemOf(limited)).type).toBe('https://tiescore.dev/problems/rate-limited');
      // Another key has its own budget; health checks are never limited.
      expect((await h.call('GET', path, { key: h.keys.analyst })).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await h.call('GET', '/healthz')).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
