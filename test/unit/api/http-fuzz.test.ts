/**
 * HTTP fuzz of every route in the route table, on the API over real HTTP with the embedded
 * (memory) store. Requests come from test/support/route-fuzz.ts and are judged by
 * test/support/fuzz-oracle.ts: no 5xx, no unhandled rejection, refusals as problems, and a
 * refused request never changes the store. The store is compared whole, before and after each
 * request (memoryStoreContent: every field of the store). test/integration/api-fuzz.test.ts runs
 * the same requests against Neo4j.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../src/api/routes/index.js';
import { watchProcessErrors, type StoreState } from '../../support/fuzz-oracle.js';
import { fuzzRoute, type FuzzTally } from '../../support/fuzz-runner.js';
import { importRows } from '../../support/import-rows.js';
import type { FuzzWorld } from '../../support/route-fuzz.js';
import { canonical, memoryStoreContent } from '../../support/store-content.js';
import { OTHER, startHarness, SUBJECT, type Harness } from './harness.js';

/** Requests per route (twice as many on routes that write); seeded, so a failure replays. */
const RUNS_PER_ROUTE = 30;
const SEED = 20261126;
const BODY_LIMIT = 64 * 1024;

describe('HTTP fuzz, every route (memory store)', () => {
  let h: Harness;
  let world: FuzzWorld;
  const processErrors = watchProcessErrors();
  const tally: FuzzTally = { sent: 0, accepted: 0, refused: 0 };

  /** The store now: its whole content (and, when asked, all but the access log, and counts per field). */
  const state = (): StoreState => {
    const all = memoryStoreContent(h.store);
    return {
      all,
      withoutAccessLog: () => canonical({ ...h.store, accessLog: undefined }),
      counts: () => Object.fromEntries(Object.entries(JSON.parse(all) as Record<string, unknown>).map(([name, value]) => [name, Array.isArray(value) ? value.length : 1])),
    };
  };

  beforeAll(async () => {
    h = await startHarness({ persons: 100, api: { bodyLimitBytes: BODY_LIMIT } });
    const events = [...(await h.store.eventsOf(SUBJECT)), ...(await h.store.eventsOf(OTHER))].map((e) => e.id);
    world = {
      // Mostly person ids (paths, shocks and edges name persons), then the other names the API knows.
      plausible: [SUBJECT, OTHER, ...Array.from({ length: 8 }, (_, k) => `p00${k + 2}`), 'acme-bank', ...events.slice(0, 3)],
      keys: h.keys,
      open: fc.constant(null),
      bodyLimit: BODY_LIMIT,
    };
    world.open = importRows(world);
    world.openFor = (params) => importRows(world, params.kind);
  });

  afterAll(async () => {
    processErrors.stop();
    await h.close();
  });

  for (const route of ROUTES) {
    it(`${route.method.toUpperCase()} ${route.path}`, () =>
      fuzzRoute(route, { routes: ROUTES, url: h.url, world, state, settle: () => h.jobs.idle(), processErrors: processErrors.errors, runs: RUNS_PER_ROUTE, seed: SEED, tally }));
  }

  it('reached the handlers: some requests were accepted, most refused', () => {
    expect(tally.sent).toBeGreaterThan(ROUTES.length * RUNS_PER_ROUTE * 0.9);
    expect(tally.accepted).toBeGreaterThan(ROUTES.length * 3);
    expect(tally.refused).toBeGreaterThan(tally.sent / 2);
  });
});
