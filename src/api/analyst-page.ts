/**
 * `/`: the analyst page — the static files Vite builds from src/web into dist/web (`npm run
 * build`). Only `/` and `/assets/*` are looked up on disk, so API requests never touch the file
 * system. Asset names carry a content hash, so they are cached for a year; index.html is
 * revalidated on every load so a new build is picked up at once.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { sendProblem } from './errors.js';
import { ApiProblem } from './problem.js';

/** dist/web of this package, from src/api (tsx) as from dist/api (compiled). */
export const ANALYST_PAGE_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export function analystPage(dir: string = ANALYST_PAGE_DIR): Router {
  const router = Router({ strict: true });
  if (!existsSync(`${dir}/index.html`)) {
    router.get('/', (req, res) => sendProblem(req, res, new ApiProblem('not-found', 'the analyst page is not built: run `npm run build`')));
    return router;
  }
  router.get('/', (_req, res) => {
    res.sendFile('index.html', { root: dir, headers: { 'Cache-Control': 'no-cache' } });
  });
  router.use('/assets', express.static(`${dir}/assets`, { index: false, immutable: true, maxAge: '365d', fallthrough: true, redirect: false }));
  return router;
}
