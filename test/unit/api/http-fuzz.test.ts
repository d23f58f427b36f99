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

  // Issue 19, item 6: free text with a control character, a bidi override or a lone surrogate
  // anywhere in otherwise plausible text is refused and writes nothing.
  it('refuses free text carrying a control character or a lone surrogate, wherever it sits', async () => {
    const event = (await h.store.eventsOf(OTHER))[0]!.id;
    const otherSubject = h.keys.otherSubject;
    const unsafe = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\u009f', '\u202e', '\u2066', '\ud800', '\udbff', '\udc00');
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30 }), unsafe, fc.nat(), async (text, bad, at) => {
        const k = at % (text.length + 1);
        const hostile = `x${text.slice(0, k)}${bad}${text.slice(k)}x`;
        const before = memoryStoreContent(h.store);
        const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
        const consent = await h.call('POST', '/v1/consents', { key: otherSubject, body: { consumer: 'acme-bank', purpose: hostile, expiresAt } });
        const dispute = await h.call('POST', '/v1/disputes', { key: otherSubject, body: { eventId: event, reason: hostile } });
        expect([consent.status, dispute.status], JSON.stringify(hostile)).toEqual([400, 400]);
        expect(memoryStoreContent(h.store)).toBe(before);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  it('reached the handlers: some requests were accepted, most refused', () => {
    expect(tally.sent).toBeGreaterThan(ROUTES.length * RUNS_PER_ROUTE * 0.9);
    expect(tally.accepted).toBeGreaterThan(ROUTES.length * 3);
    expect(tally.refused).toBeGreaterThan(tally.sent / 2);
  });
});
