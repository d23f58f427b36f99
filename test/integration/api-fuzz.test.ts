// HTTP fuzz of every route of the route table against the production API: Neo4j store, jobs on
// BullMQ in Redis. Same requests and rules as test/unit/api/http-fuzz.test.ts, fewer of them.
// "The store unchanged" is checked on every node and relationship in Neo4j (labels, types and
// properties: cypher/test/store-content.cypher) plus the counts of the recompute queue's jobs.
// Both are read before and after each request.
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/api/auth/api-keys.js';
import { ROUTES } from '../../src/api/routes/index.js';
import { startProductionApi, type RunningApi } from '../../src/api/start.js';
import { loadConfig } from '../../src/config.js';
import { recomputeQueue, redisConnection } from '../../src/jobs/bullmq/queues.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { loadModel } from '../../src/score/index.js';
import { connectNeo4j, type Neo4jConnection } from '../../src/store/neo4j/connection.js';
import { migrateSchema } from '../../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { watchProcessErrors, type StoreState } from '../support/fuzz-oracle.js';
import { fuzzRoute, type FuzzTally } from '../support/fuzz-runner.js';
import { importRows } from '../support/import-rows.js';
import type { FuzzWorld } from '../support/route-fuzz.js';
import { neo4jCounts, neo4jStoreContent } from '../support/store-content.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';

const RUNS_PER_ROUTE = 6;
const SEED = 20261127;
const BODY_LIMIT = 64 * 1024;
const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-fuzz-${process.pid}`, RATE_LIMIT_PER_MINUTE: 0, API_BODY_LIMIT: BODY_LIMIT };

describe('HTTP fuzz, every route (Neo4j + Redis)', () => {
  let store: Neo4jStore;
  let connection: Neo4jConnection;
  let api: RunningApi;
  let world: FuzzWorld;
  const queue = recomputeQueue(config);
  const processErrors = watchProcessErrors();
  const tally: FuzzTally = { sent: 0, accepted: 0, refused: 0 };

  const state = async (): Promise<StoreState> => {
    const [content, jobs] = await Promise.all([neo4jStoreContent(connection), queue.getJobCounts()]);
    const all = `${content}\njobs ${JSON.stringify(jobs)}`;
    return {
      all,
      withoutAccessLog: () => all.split('\n').filter((line) => !line.includes('"AccessLog"')).join('\n'),
      counts: () => ({ ...neo4jCounts(content), ...jobs }),
    };
  };

  beforeAll(async () => {
    connection = await connectNeo4j(config);
    await migrateSchema(connection.driver, connection.database);
    store = await Neo4jStore.open(config);
    await store.wipeAll();
    await loadSyntheticPopulation(store, 100, 13);
    await recomputeInline(store, await loadModel(), { asOf: SYNTH_AS_OF });
    const key = async (role: 'admin' | 'analyst' | 'consumer' | 'subject', extra: { personId?: string; name?: string } = {}) => (await issueApiKey(store, { role, ...extra })).key;
    const keys = {
      admin: await key('admin'),
      analyst: await key('analyst'),
      consumer: await key('consumer', { name: 'acme-bank' }),
      subject: await key('subject', { personId: 'p000' }),
      otherSubject: await key('subject', { personId: 'p001' }),
      revoked: await key('analyst'),
    };
    await store.revokeApiKey(keys.revoked.split('_')[1]!, new Date().toISOString());
    const events = (await store.eventsOf('p000')).map((e) => e.id);
    world = {
      plausible: ['p000', 'p001', ...Array.from({ length: 8 }, (_, k) => `p00${k + 2}`), 'acme-bank', ...events.slice(0, 3)],
      keys,
      open: fc.constant(null),
      bodyLimit: BODY_LIMIT,
    };
    world.open = importRows(world);
    world.openFor = (params) => importRows(world, params.kind);
    api = await startProductionApi({ config, store, model: await loadModel(), logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    processErrors.stop();
    await api?.stop();
    await queue.close();
    await connection?.close();
    const redis = redisConnection(config);
    const stale = await redis.keys(`${config.QUEUE_PREFIX}:*`);
    if (stale.length > 0) await redis.del(...stale);
    redis.disconnect();
  });

  for (const route of ROUTES) {
    it(`${route.method.toUpperCase()} ${route.path}`, () =>
      fuzzRoute(route, { routes: ROUTES, url: api.url, world, state, processErrors: processErrors.errors, runs: RUNS_PER_ROUTE, seed: SEED, tally }));
  }

  it('reached the handlers: some requests were accepted, most refused', () => {
    expect(tally.sent).toBeGreaterThan(ROUTES.length * RUNS_PER_ROUTE * 0.9);
    expect(tally.accepted).toBeGreaterThan(ROUTES.length);
    expect(tally.refused).toBeGreaterThan(tally.sent / 2);
  });
});
