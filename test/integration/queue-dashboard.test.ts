// The queue dashboard at /admin/queues over the real Redis: admins only, by Bearer key or by
// the Basic-auth password a browser asks for; it lists the recompute queues. Issue 19, item 4: a
// browser's cached Basic credentials must not let another site change anything — state-changing
// requests need a Bearer key, or the session cookie the page sets plus a same-origin request.
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

  const addPath = () => `/admin/queues/api/queues/${encodeURIComponent(QUEUES.chunks)}/add`;
  const post = (headers: Record<string, string>, body: string) => fetch(`${server.url}${addPath()}`, { method: 'POST', headers, body });
  const jobs = async () => (await chunks.getJobCounts('waiting', 'delayed', 'prioritized')) as Record<string, number>;
  const total = async () => Object.values(await jobs()).reduce((sum, n) => sum + n, 0);

  it('refuses a cross-site request riding on cached Basic credentials, whatever its body', async () => {
    const before = await total();
    const attacks: [Record<string, string>, string][] = [
      [{ authorization: basic(admin), 'content-type': 'text/plain' }, JSON.stringify({ name: 'csrf', data: {} })],
      [{ authorization: basic(admin), 'content-type': 'application/x-www-form-urlencoded' }, 'name=csrf&data=%7B%7D'],
      [{ authorization: basic(admin), 'content-type': 'application/json', origin: 'https://evil.example' }, JSON.stringify({ name: 'csrf', data: {} })],
      [{ authorization: basic(admin), 'content-type': 'application/json', origin: server.url }, JSON.stringify({ name: 'csrf', data: {} })],
    ];
    for (const [headers, body] of attacks) {
      const response = await post(headers, body);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect(await total()).toBe(before);
  });

  it('gives the page a SameSite=Strict, HttpOnly session cookie that works only from the same origin', async () => {
    const page = await get('/admin/queues', basic(admin));
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tiescore_dashboard=[^;]+;/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\/admin\/queues/i);
    const session = cookie.split(';')[0]!;
    const json = { 'content-type': 'application/json', cookie: session };
    const body = JSON.stringify({ name: 'from-the-page', data: { n: 1 } });
    const before = await total();
    expect((await post({ ...json, origin: 'https://evil.example' }, body)).status).toBe(403);
    expect((await post({ ...json, 'sec-fetch-site': 'cross-site' }, body)).status).toBe(403);
    expect((await post(json, body)).status).toBe(403); // no Origin, no Sec-Fetch-Site: not provably same-origin
    expect((await post({ ...json, cookie: `${session.slice(0, -2)}xx` , origin: server.url }, body)).status).toBe(401); // forged
    expect(await total()).toBe(before);
    expect((await post({ ...json, origin: server.url }, body)).status).toBe(200);
    expect(await total()).toBe(before + 1);
    // A Bearer key is never sent by a browser on its own: it needs no cookie or origin.
    expect((await post({ 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body)).status).toBe(200);
    expect(await total()).toBe(before + 2);
    // The cookie of a key revoked since stops working.
    const other = await issueApiKey(store, { role: 'admin' });
    const otherCookie = (await get('/admin/queues', basic(other.key))).headers.get('set-cookie')!.split(';')[0]!;
    await store.revokeApiKey(other.record.id, new Date().toISOString());
    expect((await post({ 'content-type': 'application/json', cookie: otherCookie, origin: server.url }, body)).status).toBe(401);
  });
});
