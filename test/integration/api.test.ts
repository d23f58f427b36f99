// The production API over the real Neo4j and Redis: keys, consents, the access log and disputes
// stored in Neo4j, and a dispute's recompute run by a real BullMQ worker.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/api/auth/api-keys.js';
import { startProductionApi, type RunningApi } from '../../src/api/start.js';
import { loadConfig } from '../../src/config.js';
import { startRecomputeWorkers, type RecomputeWorkers } from '../../src/jobs/bullmq/recompute-workers.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { loadModel, type Model } from '../../src/score/index.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';
import { deleteTestKeys } from '../support/queue-cleanup.js';
import { API_VERSION } from '../../src/api/app.js';
import { buildOpenApiDocument } from '../../src/api/openapi.js';
import { ROUTES } from '../../src/api/routes/index.js';
import { conformingFetch } from '../support/openapi-conformance.js';
import { openMigratedStore } from '../support/migrated-store.js';

const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-api-test-${process.pid}`, RATE_LIMIT_PER_MINUTE: 0 };

describe('API on Neo4j + Redis', () => {
  let model: Model;
  let store: Neo4jStore;
  let api: RunningApi;
  let workers: RecomputeWorkers | undefined;
  let workerStore: Neo4jStore | undefined;
  const keys: Record<string, string> = {};
  let subject: string;

  beforeAll(async () => {
    model = await loadModel();
    store = await openMigratedStore(config);
    await loadSyntheticPopulation(store, 300, 11);
    await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
    subject = (await store.personsInSeqRange(0, 1))[0]!.id;
    keys.analyst = (await issueApiKey(store, { role: 'analyst' })).key;
    keys.admin = (await issueApiKey(store, { role: 'admin' })).key;
    keys.consumer = (await issueApiKey(store, { role: 'consumer', name: 'acme-bank' })).key;
    keys.subject = (await issueApiKey(store, { role: 'subject', personId: subject })).key;
    api = await startProductionApi({ config, store, model, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await workers?.close();
    await workerStore?.close();
    await api?.stop();
    await deleteTestKeys(config);
  });

  // Every answer is checked against the API's own /openapi.json (issue 24).
  const checkedFetch = conformingFetch(buildOpenApiDocument(ROUTES, { version: API_VERSION }));
  const call = (method: string, path: string, key?: string, body?: unknown) =>
    checkedFetch(`${api.url}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('is ready when Neo4j and Redis answer', async () => {
    const response = await call('GET', '/readyz');
    expect(await response.json()).toEqual({ status: 'ready', checks: { store: 'ok', queue: 'ok' } });
  });

  it('serves scores under consent and records every read in Neo4j', async () => {
    const run = (await store.publishedRun())!;
    const stored = (await store.scoreIn(run, subject))!;
    const own = (await (await call('GET', `/v1/persons/${subject}/score`, keys.subject)).json()) as { score: number; runId: string };
    expect(own).toMatchObject({ score: stored.score, runId: run.id });
    expect((await call('GET', `/v1/persons/${subject}/score`, keys.consumer)).status).toBe(403);
    const consent = await call('POST', '/v1/consents', keys.subject, { consumer: 'acme-bank', purpose: 'lease', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(consent.status).toBe(201);
    const { id: consentId } = (await consent.json()) as { id: string };
    expect((await call('GET', `/v1/persons/${subject}/score`, keys.consumer)).status).toBe(200);
    const log = (await (await call('GET', `/v1/persons/${subject}/access-log`, keys.subject)).json()) as { entries: { role: string; consentId?: string; actor: string }[] };
    expect(log.entries.slice(0, 2)).toEqual([
      expect.objectContaining({ role: 'consumer', consentId, actor: 'acme-bank' }),
      expect.objectContaining({ role: 'subject' }),
    ]);
    await call('DELETE', `/v1/consents/${consentId}`, keys.subject);
    expect((await call('GET', `/v1/persons/${subject}/score`, keys.consumer)).status).toBe(403);
  });

  it('refuses a revoked key', async () => {
    const { key, record } = await issueApiKey(store, { role: 'analyst' });
    expect((await call('GET', '/v1/influence/top?limit=2', key)).status).toBe(200);
    await store.revokeApiKey(record.id, new Date().toISOString());
    // Key records are cached for at most 5 s (src/api/auth/api-key-cache.ts): the revocation
    // must take effect within that window.
    const revokedAt = Date.now();
    let status = 200;
    while (status !== 401 && Date.now() - revokedAt < 6_000) {
      status = (await call('GET', '/v1/influence/top?limit=2', key)).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(6_000);
  });

  it('an upheld dispute enqueues a recompute that a worker runs, and the event stops counting', async () => {
    let personId = '';
    let eventId = '';
    for (let seq = 0; !eventId; seq++) {
      const [p] = await store.personsInSeqRange(seq, seq + 1);
      const event = (await store.eventsOf(p!.id)).find((e) => e.kind === 'defaulted' && e.at >= '2024-01-01');
      if (event) [personId, eventId] = [p!.id, event.id];
    }
    const { key } = await issueApiKey(store, { role: 'subject', personId });
    const before = (await (await call('GET', `/v1/persons/${personId}/score`, key)).json()) as { score: number; runId: string };
    const dispute = (await (await call('POST', '/v1/disputes', key, { eventId, reason: 'not my loan' })).json()) as { id: string };
    const resolved = await call('PATCH', `/v1/disputes/${dispute.id}`, keys.analyst, { decision: 'uphold', note: 'lender withdrew the record' });
    const { recompute } = (await resolved.json()) as { recompute: { id: string; state: string } };
    expect(recompute.state).toBe('waiting');
    const waiting = (await (await call('GET', `/v1/jobs/${recompute.id}`, keys.admin)).json()) as { state: string; reason: string };
    expect(waiting).toMatchObject({ state: 'waiting', reason: expect.stringContaining(dispute.id) });

    workerStore = await Neo4jStore.open(config);
    workers = await startRecomputeWorkers({ config, store: workerStore, model });
    let job = waiting as { state: string; runId?: string };
    for (let i = 0; i < 120 && job.state !== 'completed' && job.state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = (await (await call('GET', `/v1/jobs/${recompute.id}`, keys.admin)).json()) as typeof job;
    }
    expect(job.state).toBe('completed');
    const after = (await (await call('GET', `/v1/persons/${personId}/score`, key)).json()) as { score: number; runId: string };
    expect(after.runId).toBe(job.runId);
    expect(after.score).toBeGreaterThan(before.score);
    expect((await store.eventsOf(personId)).find((e) => e.id === eventId)?.status).toBe('removed');
  });
});
