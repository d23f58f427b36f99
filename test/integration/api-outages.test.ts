// The API while a service it needs is down: Neo4j stopped → the reads answer 503 problem+json
// with Retry-After within 2 s (no hang, no crash) and the same process serves again by itself
// once Neo4j is back; the same for Redis and the job endpoints (score reads keep working).
// Hung is not stopped: a SIGSTOPped server still accepts connections (the kernel does) and the
// API's open connections stay up, but nothing ever answers — the API must not wait for it.
// Each service here is this test's own instance on a free port, stopped (or frozen) and started
// (or resumed) by the test; a frozen one is always resumed in a finally.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/api/auth/api-keys.js';
import { API_STORE_OPTIONS, startProductionApi, type RunningApi } from '../../src/api/start.js';
import { loadConfig } from '../../src/config.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { loadModel } from '../../src/score/index.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { migrateSchema } from '../../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { startDedicatedNeo4j, type DedicatedNeo4j } from '../support/dedicated-neo4j.js';
import { startDedicatedRedis, type DedicatedRedis } from '../support/dedicated-redis.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';
import { until } from '../support/until.js';

/** How long an answer may take while a service is down. */
const FAIL_FAST_MS = 2_000;

describe('API while Neo4j or Redis is down', () => {
  let neo4j: DedicatedNeo4j;
  let redis: DedicatedRedis;
  let api: RunningApi;
  let analyst: string;
  let admin: string;
  let personId: string;

  beforeAll(async () => {
    [neo4j, redis] = await Promise.all([startDedicatedNeo4j(), startDedicatedRedis()]);
    const config = { ...loadConfig(), NEO4J_URI: neo4j.uri, REDIS_URL: redis.url, QUEUE_PREFIX: 'tiescore-outage', RATE_LIMIT_PER_MINUTE: 0 };
    const connection = await connectNeo4j(config);
    await migrateSchema(connection.driver, connection.database).finally(() => connection.close());
    const setup = await Neo4jStore.open(config);
    try {
        const model = await loadModel();
        await loadSyntheticPopulation(setup, 200, 7);
        await recomputeInline(setup, model, { asOf: SYNTH_AS_OF });
        personId = (await setup.personsInSeqRange(0, 1))[0]!.id;
        analyst = (await issueApiKey(setup, { role: 'analyst' })).key;
        admin = (await issueApiKey(setup, { role: 'admin' })).key;
        // The store as `tiescore serve` opens it.
        api = await startProductionApi({ config, store: await Neo4jStore.open(config, API_STORE_OPTIONS), model, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
    } finally {
      await setup.close();
    }
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await Promise.all([neo4j?.close(), redis?.close()]);
  }, 120_000);

  const call = async (method: string, path: string, key?: string, body?: unknown) => {
    const t0 = performance.now();
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, ms: performance.now() - t0, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  const reads = () => [
    () => call('GET', `/v1/persons/${personId}/score`, analyst),
    () => call('GET', `/v1/persons/${personId}/explanation`, analyst),
    () => call('GET', `/v1/persons/${personId}/history`, analyst),
    () => call('POST', '/v1/contagion/simulate', analyst, { shocks: [{ personId, ownScore: 'default' }] }),
  ];

  /** A fast 503 problem+json that says when to come back. */
  const expectUnavailable = (answer: Awaited<ReturnType<typeof call>>, what: string) => {
    expect({ what, status: answer.status, type: answer.body.type }).toEqual({ what, status: 503, type: expect.stringMatching(/\/(service-unavailable|not-ready)$/) });
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answer.ms, `${what} took ${Math.round(answer.ms)} ms`).toBeLessThan(FAIL_FAST_MS);
  };

  /** Reads and readiness answer a fast 503 while `outage` lasts, then 200 again without a restart. */
  const expectNeo4jOutageHandled = async (begin: () => Promise<void> | void, end: () => Promise<void> | void) => {
    for (const read of reads()) expect((await read()).status).toBe(200);

    await begin();
    try {
      // At once (API key records still cached), and after the key cache expired (the key lookup itself fails).
      for (const round of ['keys cached', 'keys expired']) {
        for (const [k, read] of reads().entries()) expectUnavailable(await read(), `${round}: read ${k}`);
        expectUnavailable(await call('GET', '/readyz'), `${round}: readyz`);
        expect((await call('GET', '/healthz')).status).toBe(200);
        if (round === 'keys cached') await new Promise((resolve) => setTimeout(resolve, 6_000));
      }
    } finally {
      await end();
    }
    await until('score reads to work again', async () => ((await call('GET', `/v1/persons/${personId}/score`, analyst)).status === 200 ? true : undefined), 60_000);
    for (const read of reads()) expect((await read()).status).toBe(200);
    expect((await call('GET', '/readyz')).status).toBe(200);
  };

  it('answers 503 with Retry-After within 2 s while Neo4j is stopped, and recovers without a restart', async () => {
    await expectNeo4jOutageHandled(() => neo4j.stop(), () => neo4j.start());
  }, 300_000);

  it('answers 503 with Retry-After within 2 s while Neo4j is hung (SIGSTOP), and recovers after SIGCONT without a restart', async () => {
    await expectNeo4jOutageHandled(() => neo4j.pause(), () => neo4j.resume());
  }, 300_000);

  /**
   * The job endpoints and readiness answer a fast 503 while the Redis `outage` lasts (score reads
   * keep working: they do not need Redis), then work again without a restart. `recovered` is
   * what is awaited first: a new enqueue (a restarted Redis has lost the earlier job) or the
   * earlier job's status (a resumed one still has it).
   */
  const expectRedisOutageHandled = async (begin: () => Promise<void> | void, end: () => Promise<void> | void, recovered: 'enqueue' | 'job') => {
    const enqueued = await call('POST', '/v1/jobs/recompute', admin, {});
    expect(enqueued.status).toBe(202);
    const jobPath = `/v1/jobs/${enqueued.body.id as string}`;
    expect((await call('GET', jobPath, admin)).status).toBe(200);

    await begin();
    try {
      for (let k = 0; k < 3; k++) {
        expectUnavailable(await call('POST', '/v1/jobs/recompute', admin, {}), `enqueue ${k}`);
        expectUnavailable(await call('GET', jobPath, admin), `job ${k}`);
      }
      expectUnavailable(await call('GET', '/readyz'), 'readyz');
      expect((await call('GET', `/v1/persons/${personId}/score`, analyst)).status).toBe(200);
    } finally {
      await end();
    }
    if (recovered === 'enqueue') {
      await until('the job endpoints to work again', async () => ((await call('POST', '/v1/jobs/recompute', admin, {})).status === 202 ? true : undefined), 30_000);
    } else {
      await until('the job endpoints to work again', async () => ((await call('GET', jobPath, admin)).status === 200 ? true : undefined), 30_000);
      expect((await call('POST', '/v1/jobs/recompute', admin, {})).status).toBe(202);
    }
    expect((await call('GET', '/readyz')).status).toBe(200);
  };

  it('answers 503 with Retry-After within 2 s on the job endpoints while Redis is stopped, and recovers without a restart', async () => {
    await expectRedisOutageHandled(() => redis.stop(), () => redis.start(), 'enqueue');
  }, 120_000);

  it('answers 503 with Retry-After within 2 s on the job endpoints while Redis is hung (SIGSTOP), and recovers after SIGCONT', async () => {
    await expectRedisOutageHandled(() => redis.pause(), () => redis.resume(), 'job');
  }, 120_000);
});
