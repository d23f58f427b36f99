/**
 * The types a client generates from /openapi.json (openapi-typescript, `npm run gen:api-types`)
 * match what the server sends (issue 24, "Done when"): checked by `npm run typecheck` (the
 * expectTypeOf lines) and against real answers here.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { operations } from '../../../src/web/api/openapi.gen.js';
import { startHarness, SUBJECT, type Harness } from './harness.js';

type Json<Op extends keyof operations, Status extends number> = operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer Body } }> ? Body : never;
type Job = Json<'getJob', 200>;
type Verdict = Json<'verifyAttestation', 200>;
type DisputeQuery = NonNullable<operations['listDisputes']['parameters']['query']>;

describe('generated client types', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('getJob and startRecompute are never null', async () => {
    expectTypeOf<null>().not.toExtend<Job>();
    expectTypeOf<null>().not.toExtend<Json<'startRecompute', 202>>();
    const started = await h.call('POST', '/v1/jobs/recompute', { key: h.keys.admin, body: { asOf: '2026-06-30' } });
    const job = (await started.json()) as Job;
    expect(job.id).toMatch(/^[0-9]+$/);
    await h.jobs.idle();
  });

  it('verifyAttestation is {valid: true, kid, claims} | {valid: false, reason}, narrowed by valid', async () => {
    expectTypeOf<Extract<Verdict, { valid: true }>>().toHaveProperty('claims');
    expectTypeOf<Extract<Verdict, { valid: false }>>().toHaveProperty('reason');
    expectTypeOf<Extract<Verdict, { valid: false }>>().not.toHaveProperty('claims');
    const attestation = (await (await h.call('POST', `/v1/persons/${SUBJECT}/attestations`, { key: h.keys.subject, body: {} })).json()) as { token: string };
    for (const token of [attestation.token, 'not.a.token']) {
      const verdict = (await (await h.call('POST', '/v1/attestations/verify', { body: { token } })).json()) as Verdict;
      if (verdict.valid) expect([verdict.kid.length > 0, verdict.claims.sub]).toEqual([true, SUBJECT]);
      else expect(verdict.reason.length).toBeGreaterThan(0);
      expect(verdict.valid).toBe(token === attestation.token);
    }
  });

  it('listDisputes takes a plain integer offset', async () => {
    expectTypeOf<DisputeQuery['offset']>().toEqualTypeOf<number | undefined>();
    const response = await h.call('GET', '/v1/disputes?offset=0&limit=1', { key: h.keys.analyst });
    expect(response.status).toBe(200);
    expect((await h.call('GET', '/v1/disputes?offset=null', { key: h.keys.analyst })).status).toBe(400);
  });
});
