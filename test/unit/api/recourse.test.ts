/**
 * GET /v1/persons/{id}/recourse over HTTP (memory store, a published synthetic run): the subject
 * for themselves and analysts get the plans of the published score, exact for the model; every
 * answer is in the access log; others are refused; a bad target is a 400 naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recourseOfRecords, type RecourseAnswer } from '../../../src/recourse/recourse.js';
import { problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

type Answer = RecourseAnswer & { runId: string; publishedScore: number };

describe('recourse over the API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers the subject for themselves from the published score, and logs the read', async () => {
    const before = (await h.store.accessLogOf(SUBJECT, 1000)).length;
    const response = await h.call('GET', `/v1/persons/${SUBJECT}/recourse`, { key: h.keys.subject });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Answer;
    const published = (await h.call('GET', `/v1/persons/${SUBJECT}/score`, { key: h.keys.analyst }).then((r) => r.json())) as { score: number; runId: string };
    expect(body.personId).toBe(SUBJECT);
    expect(body.publishedScore).toBe(published.score);
    expect(body.score).toBe(published.score); // records unchanged since the run
    expect(body.runId).toBe(published.runId);
    // The answer is the pure solver's on the published run's date and network value, as JSON.
    const read = (await h.store.publishedScoresOf([SUBJECT]))!;
    const expected = recourseOfRecords({ person: read.persons[0]!.person!, events: read.persons[0]!.events, asOf: read.run.asOf, network: read.persons[0]!.score!.dimensions.network, model: h.model });
    expect(body).toEqual(JSON.parse(JSON.stringify({ ...expected, runId: read.run.id, publishedScore: published.score })));
    expect(body.target).not.toBeNull();
    expect(body.highestReachable).toBeGreaterThanOrEqual(body.score);
    expect(body.notActionable.map((item) => item.kind)).toContain('network');
    const log = await h.store.accessLogOf(SUBJECT, 1000);
    expect(log.length).toBe(before + 2);
    expect(log.filter((entry) => entry.kind === 'recourse')).toEqual([expect.objectContaining({ personId: SUBJECT, role: 'subject', kind: 'recourse' })]);
  });

  it('takes a target; one out of reach is answered honestly', async () => {
    const response = await h.call('GET', `/v1/persons/${SUBJECT}/recourse?target=950`, { key: h.keys.analyst });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Answer;
    expect(body.target).toEqual({ score: 950, band: 'excellent', from: 'request' });
    expect(body.plans).toEqual([]);
    expect(body.reachable).toBe(false);
    expect(body.summary).toContain(`the highest reachable score is ${body.highestReachable}`);

    const low = (await (await h.call('GET', `/v1/persons/${SUBJECT}/recourse?target=${body.score + 1}`, { key: h.keys.analyst })).json()) as Answer;
    if (low.reachable) {
      expect(low.plans.length).toBeGreaterThan(0);
      expect(low.plans[0]!.changes[0]!.text).toMatch(/\+\d+\.\d points$/);
    }
  });

  it('refuses other subjects and consumers, and names a bad target', async () => {
    expect((await h.call('GET', `/v1/persons/${SUBJECT}/recourse`, { key: h.keys.otherSubject })).status).toBe(403);
    expect((await h.call('GET', `/v1/persons/${SUBJECT}/recourse`, { key: h.keys.consumer })).status).toBe(403);
    expect((await h.call('GET', `/v1/persons/${SUBJECT}/recourse`)).status).toBe(401);
    for (const target of ['abc', '1000', '650.5', '349']) {
      const problem = await problemOf(await h.call('GET', `/v1/persons/${SUBJECT}/recourse?target=${target}`, { key: h.keys.analyst }));
      expect(problem.status).toBe(400);
      expect(JSON.stringify(problem)).toContain('target');
    }
    expect((await problemOf(await h.call('GET', '/v1/persons/nobody/recourse', { key: h.keys.analyst }))).status).toBe(404);
  });

  it('refuses with 409 when the service runs another model than the published score was made with', async () => {
    // The app holds the harness's model object: a new version stands for a redeployed model.
    const version = h.model.version;
    (h.model as { version: string }).version = 'other-1';
    try {
      const problem = await problemOf(await h.call('GET', `/v1/persons/${SUBJECT}/recourse`, { key: h.keys.analyst }));
      expect(problem.status).toBe(409);
      expect(problem.detail).toBe(`the published score was made with model ${version}; this service runs other-1: recompute first`);
    } finally {
      (h.model as { version: string }).version = version;
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await h.call('GET', '/openapi.json')).json()) as { paths: Record<string, { get?: { operationId: string } }> };
    expect(doc.paths['/v1/persons/{id}/recourse']?.get?.operationId).toBe('getRecourse');
  });
});
