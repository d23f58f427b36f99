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
import { DATA_FILES } from '../../../src/import/row-schemas.js';
import { describeRequest, judge, watchProcessErrors, type StoreState } from '../../support/fuzz-oracle.js';
import { canonical, memoryStoreContent } from '../../support/store-content.js';
import { fuzzRequests, send, valueFor, type FuzzWorld } from '../../support/route-fuzz.js';
import { hostileJson } from '../../support/hostile-values.js';
import { z } from 'zod';
import { OTHER, startHarness, SUBJECT, type Harness } from './harness.js';

/** Requests per route; seeded, so a failure replays. */
const RUNS_PER_ROUTE = 60;
const SEED = 20261126;
const BODY_LIMIT = 64 * 1024;

/** Rows of every import file, fitting their schemas more often than not (ingestion items). */
export const importRows = (world: FuzzWorld): fc.Arbitrary<unknown> =>
  fc.oneof(
    ...Object.values(DATA_FILES).map((file) => valueFor(z.toJSONSchema(file.schema, { io: 'input', unrepresentable: 'any' }) as never, world)),
    hostileJson(),
  );

describe('HTTP fuzz, every route (memory store)', () => {
  let h: Harness;
  let world: FuzzWorld;
  const processErrors = watchProcessErrors();
  const tally = { sent: 0, accepted: 0, refused: 0 };

  /** The store now: its whole content (and, when asked, all but the access log, and counts per field). */
  const state = (): StoreState => {
    const all = memoryStoreContent(h.store);
    return {
      all,
      withoutAccessLog: () => canonical({ ...h.store, accessLog: undefined }),
      counts: () => Object.fromEntries(Object.entries(JSON.parse(all) as Record<string, unknown>).map(([name, value]) => [name, Array.isArray(value) ? value.length : 1])),
    };
  };
  let current: StoreState | undefined;

  beforeAll(async () => {
    h = await startHarness({ persons: 100, api: { bodyLimitBytes: BODY_LIMIT } });
    const events = [...(await h.store.eventsOf(SUBJECT)), ...(await h.store.eventsOf(OTHER))].map((e) => e.id);
    world = {
      plausible: [SUBJECT, OTHER, 'p002', 'acme-bank', 'persons', 'events', ...events],
      keys: h.keys,
      open: fc.constant(null),
      bodyLimit: BODY_LIMIT,
    };
    world.open = importRows(world);
  });

  afterAll(async () => {
    processErrors.stop();
    await h.close();
  });

  for (const route of ROUTES) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(fuzzRequests(route, world), async (request) => {
          const before = (current ??= state());
          const response = await send(h.url, request);
          await h.jobs.idle(); // a recompute a request started is part of what it did
          if (!response) return; // node would not send it: the server never saw it
          tally.sent++;
          const after = (current = state());
          const verdict = judge({ routes: ROUTES, route, request, response, before, after });
          expect(verdict.violations, describeRequest(request)).toEqual([]);
          expect(processErrors.errors, describeRequest(request)).toEqual([]);
          if (verdict.accepted) {
            tally.accepted++;
            // Ids the API made (consents, disputes, jobs) become plausible values for later requests.
            const id = response.contentType.startsWith('application/json') ? (JSON.parse(response.body) as { id?: unknown }).id : undefined;
            if (typeof id === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(id)) world.plausible.push(id);
          } else tally.refused++;
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
    });
  }

  it('reached the handlers: some requests were accepted, most refused', () => {
    expect(tally.sent).toBeGreaterThan(ROUTES.length * RUNS_PER_ROUTE * 0.9);
    expect(tally.accepted).toBeGreaterThan(ROUTES.length * 3);
    expect(tally.refused).toBeGreaterThan(tally.sent / 2);
  });
});
