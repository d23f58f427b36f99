// Secrets never reach the logs. A full scenario runs against Neo4j and Redis with the real
// commands as processes, `tiescore worker` and `tiescore serve` (the population, the keys and the
// signing-key file are made in the test). NEO4J_PASSWORD and the Redis URL's password are set to marker values.
// The API is then used with Bearer keys: reads, a consent, a consumer read, an attestation issued
// and verified, a dispute resolved and recomputed by the worker, the queue dashboard with Basic
// auth, and refused keys and tokens. Everything every process wrote to stdout or stderr is
// searched for every secret. The store must keep only SHA-256 digests of key secrets, and no
// stored value may contain a secret.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrivateJwk } from '../../src/api/attestation/signing-keys.js';
import { hashSecret, issueApiKey, parseApiKey } from '../../src/api/auth/api-keys.js';
import { loadConfig } from '../../src/config.js';
import { redisConnection } from '../../src/jobs/bullmq/queues.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { loadModel } from '../../src/score/index.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { migrateSchema } from '../../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { startCli, until, type CliRun } from '../support/cli-process.js';
import { neo4jStoreContent } from '../support/store-content.js';
import { loadSyntheticPopulation } from '../support/synthetic-store.js';
import { API_VERSION } from '../../src/api/app.js';
import { buildOpenApiDocument } from '../../src/api/openapi.js';
import { ROUTES } from '../../src/api/routes/index.js';
import { conformingFetch } from '../support/openapi-conformance.js';
/** Every answer is checked against the API's own /openapi.json (issue 24). */
const checkedFetch = conformingFetch(buildOpenApiDocument(ROUTES, { version: API_VERSION }));

const base = loadConfig();
const NEO4J_PASSWORD = `neo4j-pw-${randomBytes(12).toString('hex')}`;
const REDIS_PASSWORD = `redis-pw-${randomBytes(12).toString('hex')}`;
const QUEUE_PREFIX = `tiescore-secrets-${process.pid}`;
const AS_OF = '2026-06-30';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('secrets stay out of logs (full scenario, real processes)', () => {
  let dir: string;
  let env: Record<string, string>;
  let serve: CliRun;
  let worker: CliRun;
  let unreachable: CliRun;
  let url: string;
  /** Every secret the scenario handled. */
  const secrets = new Map<string, string>();
  const keys: Record<string, string> = {};
  let personId: string;
  let store: Neo4jStore;

  const call = (method: string, path: string, options: { key?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    checkedFetch(`${url}${path}`, {
      method,
      headers: {
        ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });

  const completion = (jobId: string) =>
    until(`job ${jobId}`, async () => {
      const job = (await (await call('GET', `/v1/jobs/${jobId}`, { key: keys.admin })).json()) as { state: string };
      return job.state === 'completed' || job.state === 'failed' ? job.state : undefined;
    }, 90_000);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiescore-secrets-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      NEO4J_URI: base.NEO4J_URI,
      NEO4J_PASSWORD,
      REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:6379`,
      QUEUE_PREFIX,
      PORT: String(port),
      LOG_LEVEL: 'trace', // the most a process can say
      ATTESTATION_KEYS_FILE: join(dir, 'signing.jwks'),
      RATE_LIMIT_PER_MINUTE: '0',
    };
    secrets.set('NEO4J_PASSWORD', NEO4J_PASSWORD);
    secrets.set('Redis password', REDIS_PASSWORD);

    store = await Neo4jStore.open({ ...base, NEO4J_PASSWORD });
    await store.wipeAll();
    const connection = await connectNeo4j({ ...base, NEO4J_PASSWORD });
    await migrateSchema(connection.driver, connection.database).finally(() => connection.close());
    await loadSyntheticPopulation(store, 200, 3);
    await recomputeInline(store, await loadModel(), { asOf: AS_OF }); // the worker runs the next one
    personId = (await store.personsInSeqRange(0, 1))[0]!.id;
    const signing = await generatePrivateJwk();
    await writeFile(env.ATTESTATION_KEYS_FILE!, JSON.stringify({ keys: [signing] }), { mode: 0o600 });
    secrets.set('signing key (private d)', signing.d!);
    for (const [role, extra] of [['admin', {}], ['analyst', {}], ['consumer', { name: 'acme-bank' }], ['subject', { personId }]] as const) {
      keys[role] = (await issueApiKey(store, { role, ...extra })).key;
    }

    // The processes whose logs are searched.
    worker = startCli(['worker', '--no-schedule'], env);
    serve = startCli(['serve'], env);
    // An API whose Redis (with a password in its URL) does not answer: it says so in its log.
    unreachable = startCli(['serve'], { ...env, PORT: String(await freePort()), REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${await freePort()}` });
    for (const [role, key] of Object.entries(keys)) {
      secrets.set(`${role} key`, key);
      secrets.set(`${role} key secret`, parseApiKey(key)!.secret);
    }
    await until('the worker', () => (worker.stderr().includes('worker ready') ? true : undefined));
    await until('the API', () => (serve.stdout().includes('tiescore API listening') ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    for (const run of [serve, worker, unreachable]) {
      if (run && run.child.exitCode === null) {
        run.child.kill('SIGTERM');
        await run.exited;
      }
    }
    await store?.close();
    const redis = redisConnection(base);
    const stale = await redis.keys(`${QUEUE_PREFIX}:*`);
    if (stale.length > 0) await redis.del(...stale);
    redis.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the scenario: keys, reads, consent, attestation, dispute, dashboard', async () => {
    expect((await call('GET', `/v1/persons/${personId}/score`, { key: keys.subject })).status).toBe(200);
    expect((await call('GET', `/v1/persons/${personId}/explanation`, { key: keys.analyst })).status).toBe(200);
    const consent = await call('POST', '/v1/consents', { key: keys.subject, body: { consumer: 'acme-bank', purpose: 'lease', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(consent.status).toBe(201);
    expect((await call('GET', `/v1/persons/${personId}/score`, { key: keys.consumer })).status).toBe(200);

    const attestation = await call('POST', `/v1/persons/${personId}/attestations`, { key: keys.subject, body: {} });
    expect(attestation.status).toBe(201);
    const { token } = (await attestation.json()) as { token: string };
    secrets.set('attestation token', token);
    secrets.set('attestation signature', token.split('.')[2]!);
    expect(await (await call('POST', '/v1/attestations/verify', { body: { token } })).json()).toMatchObject({ valid: true });
    // A token in the query string is refused, and the query string is never logged.
    expect((await call('POST', `/v1/attestations/verify?token=${token}`, { body: { token } })).status).toBe(400);
    const forged = `${token.slice(0, -4)}AAAA`;
    secrets.set('forged token', forged);
    expect(await (await call('POST', '/v1/attestations/verify', { body: { token: forged } })).json()).toMatchObject({ valid: false });

    // Refused keys: a wrong secret for a real id, a malformed key, a non-Bearer scheme.
    const wrongSecret = `${keys.analyst!.slice(0, -6)}zzzzzz`;
    secrets.set('wrong-secret key', wrongSecret);
    expect((await call('GET', '/v1/influence/top', { key: wrongSecret })).status).toBe(401);
    const junkKey = `tsk_${randomBytes(20).toString('hex')}`;
    secrets.set('malformed key', junkKey);
    expect((await call('GET', '/v1/influence/top', { key: junkKey })).status).toBe(401);
    expect((await call('GET', '/v1/influence/top', { headers: { authorization: `Token ${keys.analyst}` } })).status).toBe(401);

    // The dashboard with the admin key as the Basic-auth password, and with a wrong one.
    const basic = Buffer.from(`ops:${keys.admin}`).toString('base64');
    secrets.set('Basic credentials', basic);
    expect((await call('GET', '/admin/queues/api/queues', { headers: { authorization: `Basic ${basic}` } })).status).toBe(200);
    const badBasic = Buffer.from(`ops:${wrongSecret}`).toString('base64');
    secrets.set('wrong Basic credentials', badBasic);
    expect((await call('GET', '/admin/queues/api/queues', { headers: { authorization: `Basic ${badBasic}` } })).status).toBe(401);

    // A dispute upheld: the worker recomputes.
    const event = (await store.eventsOf(personId))[0];
    if (event) {
      const dispute = (await (await call('POST', '/v1/disputes', { key: keys.subject, body: { eventId: event.id, reason: 'not mine' } })).json()) as { id: string };
      const resolved = (await (await call('PATCH', `/v1/disputes/${dispute.id}`, { key: keys.analyst, body: { decision: 'uphold', note: 'withdrawn' } })).json()) as { recompute: { id: string } };
      expect(await completion(resolved.recompute.id)).toBe('completed');
    }
  });

  it('CORS is closed when CORS_ORIGINS is unset', async () => {
    const preflight = await call('OPTIONS', '/v1/consents', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    const read = await call('GET', `/v1/persons/${personId}/score`, { key: keys.subject, headers: { origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('no process wrote any secret, and the store holds none', async () => {
    serve.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    await Promise.all([serve.exited, worker.exited]);
    const text = [serve.stdout(), serve.stderr(), worker.stdout(), worker.stderr()].join('\n');
    // The capture holds the scenario: request lines of the API and the worker's run lines.
    expect(text).toContain('/attestations/verify');
    expect(text).toContain('/admin/queues');
    expect(text).toMatch(/published|completed/);
    const leaked = [...secrets].filter(([, secret]) => text.includes(secret)).map(([name]) => name);
    expect(leaked).toEqual([]);
    expect(text.toLowerCase()).not.toContain('bearer ');

    const stored = await store.listApiKeys();
    for (const role of ['admin', 'analyst', 'consumer', 'subject']) {
      const { id, secret } = parseApiKey(keys[role]!)!;
      expect(stored.find((key) => key.id === id)?.secretHash).toBe(hashSecret(secret));
    }
    const connection = await connectNeo4j({ ...base, NEO4J_PASSWORD });
    const content = await neo4jStoreContent(connection).finally(() => connection.close());
    const inStore = [...secrets].filter(([, secret]) => content.includes(secret)).map(([name]) => name);
    expect(inStore).toEqual([]);
  });

  it('a Redis URL with a password is not logged when Redis is unreachable', async () => {
    await until('the API without Redis', () => (unreachable.stdout().includes('tiescore API listening') ? true : undefined), 30_000);
    unreachable.child.kill('SIGTERM');
    await unreachable.exited;
    const text = unreachable.stdout() + unreachable.stderr();
    expect(text).toContain('Redis is not reachable yet');
    expect(text).not.toContain(REDIS_PASSWORD);
  });
});
