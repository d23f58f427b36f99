/**
 * Every operation's documented example request (the `example` of its parameters and body in
 * /openapi.json) succeeds: sent as documented, it answers 2xx — and, like every harness call, a
 * response the document declares. The demo's person ids have six digits (`p000042`), so the test
 * population gains two such persons (copies of two persons with credit events) and the resources
 * the examples name (a consent, a dispute) before the run is recomputed and published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../../src/api/auth/api-keys.js';
import type { AnyRoute } from '../../../src/api/route.js';
import { buildOpenApiDocument } from '../../../src/api/openapi.js';
import { ROUTES } from '../../../src/api/routes/index.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { SYNTH_AS_OF } from '../../support/synthetic-store.js';
import { startHarness, type Harness } from './harness.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: string;
  schema: { example?: string; default?: unknown };
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { example?: unknown }> };
}

const doc = buildOpenApiDocument(ROUTES, { version: 'test' }) as { paths: Record<string, Record<string, Operation>> };
/** An admin's DELETE erases at once: the erasure goes last (the job example is the first job: startRecompute's, before getJob). */
const ORDER = (route: AnyRoute) => (route.operationId === 'erasePerson' ? 1 : 0);

describe('documented example requests', () => {
  let h: Harness;
  let subjectKey: string;

  beforeAll(async () => {
    h = await startHarness();
    // The examples' date: a consent until 2027-06-30 must lie in the future, within a year.
    h.advance(Date.parse('2026-12-01T00:00:00Z') - Date.now());
    // Copies of the first two persons from p042 on with credit events (the examples open and resolve disputes).
    const sources: string[] = [];
    for (let seq = 42; sources.length < 2; seq++) {
      const id = `p${String(seq).padStart(3, '0')}`;
      if ((await h.store.eventsOf(id)).length > 0) sources.push(id);
    }
    for (const [from, to] of [[sources[0]!, 'p000042'], [sources[1]!, 'p000043']] as const) {
      await h.store.upsertPersons([{ ...(await h.store.getPerson(from))!, id: to }]);
      const events = await h.store.eventsOf(from);
      await h.store.upsertEvents(events.map((event) => ({ ...event, id: event.id.replace(/^e\d+/, `e${to.slice(1)}`), personId: to, status: 'active' as const })));
    }
    await h.store.upsertFriendships([{ a: 'p000042', b: 'p001', since: '2023-05-01', interactions: 12 }]);
    await recomputeInline(h.store, h.model, { asOf: SYNTH_AS_OF });
    subjectKey = (await issueApiKey(h.store, { role: 'subject', personId: 'p000042' })).key;
    const now = h.now().toISOString();
    await h.store.createConsent({ id: 'cns_5f2c9a1e7b3d4c60', personId: 'p000042', consumer: 'acme-bank', purpose: 'a car loan', grantedAt: now, expiresAt: '2027-03-01T00:00:00.000Z' });
    const event = (await h.store.eventsOf('p000043'))[0]!;
    await h.store.createDispute({ id: 'dsp_8a41c7e2b9f03d15', personId: 'p000043', eventId: event.id, reason: 'not mine', status: 'open', openedAt: now });
    await h.store.setEventStatus(event.id, 'disputed');
  });
  afterAll(() => h.close());

  it('the persons and events the examples name exist', async () => {
    expect((await h.store.eventsOf('p000042')).map((e) => e.id)).toContain('e000042-0');
  });

  for (const route of [...ROUTES].sort((a, b) => ORDER(a) - ORDER(b))) {
    it(`${route.operationId}: ${route.method.toUpperCase()} ${route.path} answers its example with a 2xx`, async () => {
      const operation = doc.paths[route.path]![route.method]!;
      let path = route.path;
      const query = new URLSearchParams();
      for (const parameter of operation.parameters ?? []) {
        const value = parameter.example ?? parameter.schema.example;
        if (parameter.in === 'path') {
          expect(value, `path parameter ${parameter.name} has an example`).toBeDefined();
          path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
        } else if (value !== undefined) {
          query.set(parameter.name, String(value));
        } else {
          expect(parameter.required, `required ${parameter.in} parameter ${parameter.name} has an example`).not.toBe(true);
        }
      }
      const body = operation.requestBody?.content['application/json']?.example;
      if (operation.requestBody?.required) expect(body, 'a required body has an example').toBeDefined();
      // Sent as the first role the route lets in (a subject as p000042).
      const role = route.access === 'public' ? undefined : (Object.keys(route.access)[0] as keyof Harness['keys']);
      const key = role === undefined ? undefined : role === 'subject' ? subjectKey : h.keys[role];
      const url = query.size > 0 ? `${path}?${query}` : path;
      const response = await h.call(route.method.toUpperCase(), url, { key, body: body ?? (route.method === 'get' || route.method === 'delete' ? undefined : {}) });
      expect(response.status, `${url} as ${role ?? 'anyone'}: ${await response.clone().text()}`).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
      await response.arrayBuffer();
    });
  }
});
