/**
 * The authorization matrix, generated from the route table: every route × every kind of
 * caller, against the allow/deny the route's `access` declares. An allowed call must succeed
 * (2xx, body matching the documented schema); a denied one must be a 401/403 problem and
 * write nothing. A route added to the table without a fixture here fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../../src/api/auth/api-keys.js';
import type { AnyRoute } from '../../../src/api/route.js';
import { ROUTES } from '../../../src/api/routes/index.js';
import { OTHER, problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

const CALLERS = [
  'anonymous',
  'revoked',
  'malformed',
  'admin',
  'analyst',
  'consumer-live',
  'consumer-expired',
  'consumer-revoked',
  'consumer-none',
  'subject-self',
  'subject-other',
  'batch',
] as const;
type Caller = (typeof CALLERS)[number];

interface Call {
  path: string;
  body?: unknown;
}

/** Expected outcome from the route's declared access. */
function expected(route: AnyRoute, caller: Caller): 'allow' | 401 | 403 {
  if (route.access === 'public') return 'allow';
  if (caller === 'anonymous' || caller === 'revoked' || caller === 'malformed') return 401;
  const role = caller.split('-')[0] as 'admin' | 'analyst' | 'consumer' | 'subject' | 'batch';
  const grant = route.access[role];
  if (grant === undefined) return 403;
  if (grant === 'self') return caller === 'subject-self' ? 'allow' : 403;
  if (grant === 'consent') return caller === 'consumer-live' ? 'allow' : 403;
  return 'allow';
}

describe('authorization matrix (generated from the route table)', () => {
  let h: Harness;
  const keyOf = {} as Record<Caller, string | undefined>;
  let counter = 0;
  /** The person a caller's own actions concern (subjects act on their own person). */
  const ownPerson = (caller: Caller) => (caller === 'subject-other' ? OTHER : SUBJECT);

  /** One fixture per operation: a request that succeeds for an allowed caller. */
  const FIXTURES: Record<string, (caller: Caller) => Promise<Call>> = {
    health: async () => ({ path: '/healthz' }),
    ready: async () => ({ path: '/readyz' }),
    metrics: async () => ({ path: '/metrics' }),
    openapi: async () => ({ path: '/openapi.json' }),
    jwks: async () => ({ path: '/.well-known/jwks.json' }),
    getScore: async () => ({ path: `/v1/persons/${SUBJECT}/score` }),
    getExplanation: async () => ({ path: `/v1/persons/${SUBJECT}/explanation` }),
    getHistory: async () => ({ path: `/v1/persons/${SUBJECT}/history` }),
    getRecourse: async () => ({ path: `/v1/persons/${SUBJECT}/recourse` }),
    simulateContagion: async () => ({ path: '/v1/contagion/simulate', body: { shocks: [{ personId: SUBJECT, ownScore: 'default' }] } }),
    topInfluence: async () => ({ path: '/v1/influence/top?limit=5' }),
    communities: async () => ({ path: '/v1/communities?limit=3' }),
    community: async () => ({ path: '/v1/communities/0?top=3' }),
    findPersons: async () => ({ path: '/v1/persons?idPrefix=p0&band=poor,fair,good&limit=5' }),
    egoNetwork: async () => ({ path: `/v1/persons/${SUBJECT}/network?depth=2&maxNodes=20` }),
    strongestTiePath: async () => ({ path: `/v1/paths/strongest?from=${SUBJECT}&to=${SUBJECT}` }),
    publishedRun: async () => ({ path: '/v1/runs/published?binWidth=50' }),
    exportRunScores: async () => ({ path: '/v1/runs/published/scores?purpose=matrix%20check&limit=5' }),
    evaluationReport: async () => ({ path: '/v1/reports/evaluation' }),
    fairnessReport: async () => ({ path: '/v1/reports/fairness?cutoff=650' }),
    reportReads: async () => ({ path: '/v1/reports/reads?limit=5' }),
    grantConsent: async () => ({ path: '/v1/consents', body: { consumer: 'acme-bank', purpose: 'matrix', expiresAt: new Date(h.now().getTime() + 86_400_000).toISOString() } }),
    listConsents: async () => ({ path: '/v1/consents' }),
    revokeConsent: async (caller) => {
      const id = `cns_matrix${counter++}`;
      await h.store.createConsent({ id, personId: ownPerson(caller), consumer: 'acme-bank', purpose: 'matrix', grantedAt: h.now().toISOString(), expiresAt: new Date(h.now().getTime() + 86_400_000).toISOString() });
      return { path: `/v1/consents/${id}` };
    },
    getConsent: async (caller) => {
      const id = `cns_matrix${counter++}`;
      await h.store.createConsent({ id, personId: ownPerson(caller), consumer: 'acme-bank', purpose: 'matrix', grantedAt: h.now().toISOString(), expiresAt: new Date(h.now().getTime() + 86_400_000).toISOString() });
      return { path: `/v1/consents/${id}` };
    },
    accessLog: async () => ({ path: `/v1/persons/${SUBJECT}/access-log?limit=5` }),
    exportPerson: async () => ({ path: `/v1/persons/${SUBJECT}/export` }),
    erasePerson: async (caller) => {
      // An admin erases at once, so it gets a person of its own; everyone else aims at SUBJECT
      // (a subject's first DELETE only asks for confirmation; the rest are refused).
      if (caller !== 'admin') return { path: `/v1/persons/${SUBJECT}` };
      const id = `matrix-erase-${counter++}`;
      await h.store.upsertPersons([{ ...(await h.store.getPerson('p299'))!, id }]);
      return { path: `/v1/persons/${id}` };
    },
    openDispute: async (caller) => {
      const event = (await h.store.eventsOf(ownPerson(caller))).find((e) => e.status === 'active');
      if (!event) throw new Error('fixture: no active event left');
      return { path: '/v1/disputes', body: { eventId: event.id, reason: 'not mine' } };
    },
    listDisputes: async () => ({ path: '/v1/disputes?status=open' }),
    getDispute: async (caller) => {
      const id = `dsp_matrix${counter++}`;
      await h.store.createDispute({ id, personId: ownPerson(caller), eventId: 'e-matrix', reason: 'matrix', status: 'open', openedAt: h.now().toISOString() });
      return { path: `/v1/disputes/${id}` };
    },
    resolveDispute: async () => {
      let event;
      for (let seq = 100; !event; seq++) event = (await h.store.eventsOf(`p${seq}`)).find((e) => e.status === 'active');
      const id = `dsp_matrix${counter++}`;
      await h.store.createDispute({ id, personId: event.personId, eventId: event.id, reason: 'matrix', status: 'open', openedAt: h.now().toISOString() });
      await h.store.setEventStatus(event.id, 'disputed');
      return { path: `/v1/disputes/${id}`, body: { decision: 'reject', note: 'record confirmed by the lender' } };
    },
    createAttestation: async () => ({ path: `/v1/persons/${SUBJECT}/attestations`, body: {} }),
    verifyAttestation: async () => ({ path: '/v1/attestations/verify', body: { token: 'not.a.token' } }),
    startRecompute: async () => ({ path: '/v1/jobs/recompute', body: { asOf: '2026-06-30' } }),
    getJob: async () => {
      const job = await h.jobs.enqueue({ asOf: '2026-06-30', reason: 'matrix' });
      await h.jobs.idle();
      return { path: `/v1/jobs/${job.id}` };
    },
    ingest: async () => ({
      path: '/v1/ingest/friendships',
      body: { items: [{ a: SUBJECT, b: `p${String(100 + (counter++ % 150)).padStart(3, '0')}`, since: '2024-01-01', interactions: 3 }] },
    }),
  };

  beforeAll(async () => {
    h = await startHarness();
    const consumer = async (name: string) => (await issueApiKey(h.store, { role: 'consumer', name })).key;
    const day = 86_400_000;
    const now = h.now().getTime();
    keyOf.anonymous = undefined;
    keyOf.revoked = h.keys.revoked;
    keyOf.malformed = 'tsk_not-a-key';
    keyOf.admin = h.keys.admin;
    keyOf.analyst = h.keys.analyst;
    keyOf['consumer-live'] = h.keys.consumer; // acme-bank, consent below
    keyOf['consumer-expired'] = await consumer('expired-co');
    keyOf['consumer-revoked'] = await consumer('revoked-co');
    keyOf['consumer-none'] = await consumer('stranger-co');
    keyOf['subject-self'] = h.keys.subject;
    keyOf['subject-other'] = h.keys.otherSubject;
    keyOf.batch = h.keys.batch;
    const consent = (id: string, consumerName: string, grantedAt: number, expiresAt: number) =>
      h.store.createConsent({ id, personId: SUBJECT, consumer: consumerName, purpose: 'loan application', grantedAt: new Date(grantedAt).toISOString(), expiresAt: new Date(expiresAt).toISOString() });
    await consent('cns_live', 'acme-bank', now - day, now + 30 * day);
    await consent('cns_expired', 'expired-co', now - 30 * day, now - day);
    await consent('cns_revoked', 'revoked-co', now - day, now + 30 * day);
    await h.store.revokeConsent('cns_revoked', new Date(now - 1000).toISOString());
    // A live consent of another person for stranger-co does not open SUBJECT's score.
    await h.store.createConsent({ id: 'cns_elsewhere', personId: OTHER, consumer: 'stranger-co', purpose: 'x', grantedAt: new Date(now - day).toISOString(), expiresAt: new Date(now + day).toISOString() });
  });
  afterAll(() => h.close());

  it('has a fixture for every route in the table, and none for routes it lacks', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(ROUTES.map((route) => route.operationId).sort());
  });

  for (const route of ROUTES) {
    describe(`${route.method.toUpperCase()} ${route.path}`, () => {
      for (const caller of CALLERS) {
        const outcome = expected(route, caller);
        it(`${caller} → ${outcome === 'allow' ? 'allowed' : outcome}`, async () => {
          const call = await FIXTURES[route.operationId]!(caller);
          const countsBefore = await h.store.counts();
          const logBefore = (await h.store.accessLogOf(SUBJECT, 10_000)).length;
          const response = await h.call(route.method.toUpperCase(), call.path, { key: keyOf[caller], body: call.body });
          if (outcome === 'allow') {
            expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(200);
            expect(response.status).toBeLessThan(300);
            const spec = route.responses[response.status];
            expect(spec, `status ${response.status} is documented`).toBeDefined();
            if (spec?.schema && !spec.contentType) {
              const parsed = spec.schema.safeParse(await response.json());
              expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
            }
          } else {
            const problem = await problemOf(response);
            expect(response.status).toBe(outcome);
            expect(problem.type).toBe(`https://tiescore.dev/problems/${outcome === 401 ? 'unauthorized' : 'forbidden'}`);
            if (outcome === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
            expect(await h.store.counts()).toEqual(countsBefore);
            expect((await h.store.accessLogOf(SUBJECT, 10_000)).length).toBe(logBefore);
          }
        });
      }
    });
  }
});
