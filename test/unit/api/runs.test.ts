/** `GET /v1/runs/published`: the served run and its score distribution, from the served scores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandOf } from '../../../src/score/index.js';
import { PERSONS, startHarness, type Harness } from './harness.js';

interface PublishedRun {
  runId: string;
  modelVersion: string;
  publishedAt: string | null;
  scored: number;
  meanScore: number;
  bands: { band: string; count: number }[];
  histogram: { binWidth: number; bins: { from: number; to: number; count: number }[] };
}

describe('published run', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('reports the served run and counts every served score per band and per bin', async () => {
    const response = await h.call('GET', '/v1/runs/published?binWidth=50', { key: h.keys.analyst });
    expect(response.status).toBe(200);
    const body = (await response.json()) as PublishedRun;
    const run = (await h.store.publishedRun())!;
    expect(body).toMatchObject({ runId: run.id, modelVersion: run.modelVersion, publishedAt: run.publishedAt, scored: PERSONS });

    const scores = (await h.store.scoresInSeqRange(run, 0, PERSONS)).map((s) => s.score);
    const perBand = new Map<string, number>();
    for (const score of scores) perBand.set(bandOf(score).id, (perBand.get(bandOf(score).id) ?? 0) + 1);
    expect(Object.fromEntries(body.bands.map((b) => [b.band, b.count]))).toEqual(Object.fromEntries(body.bands.map((b) => [b.band, perBand.get(b.band) ?? 0])));
    expect(body.histogram.binWidth).toBe(50);
    expect(body.histogram.bins).toHaveLength(12);
    for (const bin of body.histogram.bins) {
      expect(bin.count).toBe(scores.filter((s) => s >= bin.from && (s < bin.to || (bin.to === 950 && s === 950))).length);
    }
    expect(body.meanScore).toBeCloseTo(scores.reduce((x, y) => x + y, 0) / scores.length, 2);
  });

  it('is 404 before any run is published and refuses a bad bin width', async () => {
    const empty = await startHarness({ publish: false });
    try {
      const response = await empty.call('GET', '/v1/runs/published', { key: empty.keys.analyst });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/no score run has been published/);
    } finally {
      await empty.close();
    }
    expect((await h.call('GET', '/v1/runs/published?binWidth=1', { key: h.keys.analyst })).status).toBe(400);
  });
});
