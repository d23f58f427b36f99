/** `/` serves the built analyst page: index.html revalidated, hashed assets cached, nothing else on disk. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analystPage } from '../../../src/api/analyst-page.js';
import { startServer, type RunningServer } from '../../../src/api/server.js';

describe('analyst page route', () => {
  let dir: string;
  const servers: RunningServer[] = [];
  const serve = async (pageDir: string) => {
    const app = express();
    app.use(analystPage(pageDir));
    app.use((_req, res) => res.status(418).end()); // what the API's own 404 would answer
    const running = await startServer(app, { host: '127.0.0.1', port: 0 });
    servers.push(running);
    return running.url;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiescore-page-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>page</title>');
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'not served');
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html at / (revalidated) and hashed assets (cached for a year)', async () => {
    const url = await serve(dir);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>page</title>');
    const asset = await fetch(`${url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('leaves every other path to the API', async () => {
    const url = await serve(dir);
    expect((await fetch(`${url}/secret.txt`)).status).toBe(418);
    expect((await fetch(`${url}/index.html`)).status).toBe(418);
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(418);
    expect((await fetch(`${url}/v1/persons/p1/score`)).status).toBe(418);
  });

  it('says how to build the page when it is not built', async () => {
    const url = await serve(join(dir, 'nowhere'));
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/npm run build/);
  });
});
