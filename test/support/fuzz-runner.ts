/**
 * Runs the HTTP fuzz of one route against a running API: draws requests (route-fuzz.ts), sends
 * each over real HTTP, reads the store after it and judges it (fuzz-oracle.ts). Shared by the
 * memory-store and the Neo4j fuzz tests.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { AnyRoute } from '../../src/api/route.js';
import { describeRequest, judge, WRITING_OPERATIONS, type StoreState } from './fuzz-oracle.js';
import { fuzzRequests, send, type FuzzWorld } from './route-fuzz.js';

export interface FuzzTally {
  sent: number;
  accepted: number;
  refused: number;
}

export interface RouteFuzzOptions {
  routes: readonly AnyRoute[];
  url: string;
  world: FuzzWorld;
  /** The store now. */
  state(): Promise<StoreState> | StoreState;
  /** Waits until work a request started (an inline recompute) has finished. */
  settle?(): Promise<void>;
  /** Errors the process reported (unhandled rejections, uncaught exceptions). */
  processErrors: string[];
  /** Requests per route; twice as many on routes that write. */
  runs: number;
  seed: number;
  tally: FuzzTally;
}

export async function fuzzRoute(route: AnyRoute, options: RouteFuzzOptions): Promise<void> {
  const { routes, url, world, tally } = options;
  let current: StoreState | undefined;
  await fc.assert(
    fc.asyncProperty(fuzzRequests(route, world), async (request) => {
      const before = (current ??= await options.state());
      const response = await send(url, request);
      await options.settle?.(); // what a request started is part of what it did
      if (!response) return; // node would not send it: the server never saw it
      tally.sent++;
      const after = (current = await options.state());
      const verdict = judge({ routes, route, request, response, before, after });
      expect(verdict.violations, describeRequest(request)).toEqual([]);
      expect(options.processErrors, describeRequest(request)).toEqual([]);
      if (!verdict.accepted) {
        tally.refused++;
        return;
      }
      tally.accepted++;
      // Ids the API made (consents, disputes, jobs) become plausible values for later requests.
      const id = response.contentType.startsWith('application/json') && response.body !== '' ? (JSON.parse(response.body) as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(id)) world.plausible.push(id);
    }),
    { numRuns: WRITING_OPERATIONS.has(route.operationId) ? 2 * options.runs : options.runs, seed: options.seed, endOnFailure: true },
  );
}
