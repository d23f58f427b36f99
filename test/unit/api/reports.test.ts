/** GET /v1/reports/evaluation and /v1/reports/fairness over the harness population. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateRun } from '../../../src/reports/evaluation.js';
import { fairnessReport } from '../../../src/reports/fairness.js';
import { problemOf, startHarness, type Harness } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, checked field by field
const json = async (response: Response): Promise<any> => response.json();

describe('report routes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(() => h.close());

  it('serves the evaluation of the published run against the stored outcomes', async () => {
    const response = await h.call('GET', '/v1/reports/evaluation', { key: h.keys.analyst });
    expect(response.status).toBe(200);
    const body = await json(response);
    const run = (await h.store.publishedRun())!;
    const expected = evaluateRun({ run, rows: await h.store.reportRowsIn(run), model: h.model });
    expect(body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(body.outcomes.matched).toBe(300);
    expect(body.segments.all.persons).toBe(300);
    expect(body.segments.thinFile.persons).toBeLessThan(300);
    for (const variant of ['full', 'withoutNetwork']) {
      const roc = body.segments.all[variant].roc;
      expect(roc.length).toBeLessThanOrEqual(200);
      expect(roc[0]).toEqual({ fpr: 0, tpr: 0, score: null });
      expect(roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    }
  });

  it('answers a second request from the cache, and a new outcome makes a new report', async () => {
    const first = await json(await h.call('GET', '/v1/reports/evaluation', { key: h.keys.admin }));
    const t = performance.now();
    const again = await json(await h.call('GET', '/v1/reports/evaluation', { key: h.keys.admin }));
    expect(performance.now() - t).toBeLessThan(500);
    expect(again).toEqual(first);
    const row = (await h.store.reportRowsIn((await h.store.publishedRun())!)).find((r) => r.defaulted === false)!;
    await h.store.upsertOutcomes([{ personId: row.personId, defaulted: true }]);
    const changed = await json(await h.call('GET', '/v1/reports/evaluation', { key: h.keys.admin }));
    expect(changed.segments.all.defaults).toBe(first.segments.all.defaults + 1);
    await h.store.upsertOutcomes([{ personId: row.personId, defaulted: false }]);
  });

  it('serves the fairness report at a cut-off', async () => {
    const response = await h.call('GET', '/v1/reports/fairness?cutoff=650', { key: h.keys.analyst });
    expect(response.status).toBe(200);
    const body = await json(response);
    const run = (await h.store.publishedRun())!;
    const expected = { ...fairnessReport({ run, rows: await h.store.reportRowsIn(run), model: h.model }, { cutoff: 650, cutoffs: [550, 600, 650, 700] }), cutoffs: [550, 600, 650, 700] };
    expect(body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(body.cutoff).toBe(650);
    expect(body.attributes.map((a: { attribute: string }) => a.attribute)).toEqual(['sex', 'ageBand']);
    const defaulted = await json(await h.call('GET', '/v1/reports/fairness', { key: h.keys.analyst }));
    expect(defaulted.cutoff).toBe(600);
  });

  it('refuses a cut-off outside the score scale', async () => {
    const response = await h.call('GET', '/v1/reports/fairness?cutoff=1000', { key: h.keys.analyst });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([{ field: 'query.cutoff', message: 'must be at most 950' }]);
  });
});

describe('report routes before a run is published', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ publish: false });
  }, 120_000);
  afterAll(() => h.close());

  it('are a not-found problem naming why', async () => {
    for (const path of ['/v1/reports/evaluation', '/v1/reports/fairness']) {
      const response = await h.call('GET', path, { key: h.keys.analyst });
      expect(response.status).toBe(404);
      expect((await problemOf(response)).detail).toBe('no score run has been published yet');
    }
  });
});
