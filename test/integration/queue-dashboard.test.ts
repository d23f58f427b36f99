// The queue dashboard at /admin/queues over the real Redis: admins only, by Bearer key or by
// the Basic-auth password a browser asks for; it lists the recompute queues.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { AttestationKeys } from '../../src/api/attestation/signing-keys.js';
import { issueApiKey } from '../../src/api/auth/api-keys.js';
import { PublishedNetworkViews } from '../../src/api/network-view.js';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { loadConfig } from '../../src/config.js';
import { QUEUES, recomputeQueue, redisOptions } from '../../src/jobs/bullmq/queues.js';
import { Queue } from 'bullmq';
import { loadModel } from '../../src/score/index.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-dash-${process.pid}` };

describe('queue dashboard', () => {
  const store = new MemoryStore();
  const queue = recomputeQueue(config);
  const chunks = new Queue(QUEUES.chunks, { connection: redisOptions(config), prefix: config.QUEUE_PREFIX });
  let server: RunningServer;
  let admin: string;
  let analyst: string;

  beforeAll(async () => {
    const model = await loadModel();
    admin = (await issueApiKey(store, { role: 'admin' })).key;
    analyst = (await issueApiKey(store, { role: 'analyst' })).key;
    const app = createApp({
      store,
      model,
      networkViews: new PublishedNetworkViews(store, model),
      dashboardQueues: [queue, chunks],
      attestationKeys: await AttestationKeys.generate(),
      clock: () => new Date(),
      logger: pino({ level: 'silent' }),
    });
    server = await startServer(app, { host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await server.close();
    await queue.obliterate({ force: true });
    await chunks.obliterate({ force: true });
    await queue.close();
    await chunks.close();
  });

  const get = (path: string, authorization?: string) => fetch(`${server.url}${path}`, { headers: authorization ? { authorization } : {} });
  const basic = (key: string) => `Basic ${Buffer.from(`ops:${key}`).toString('base64')}`;

  it('asks a browser for credentials when there is no key', async () => {
    const response = await get('/admin/queues');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="tiescore queues"/);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses non-admin keys', async () => {
    expect((await get('/admin/queues', `Bearer ${analyst}`)).status).toBe(403);
    expect((await get('/admin/queues', basic(analyst))).status).toBe(403);
    expect((await get('/admin/queues', basic('tsk_nope_nope'))).status).toBe(401);
  });

  it('serves the dashboard and its queue list to an admin', async () => {
    const page = await get('/admin/queues', basic(admin));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const api = await get('/admin/queues/api/queues', `Bearer ${admin}`);
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual([QUEUES.recompute, QUEUES.chunks].sort());
  });
});
