/** `tiescore serve --embedded` wiring: a scored in-memory population and a working key per role. */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { apiOptionsFrom, startEmbeddedApi } from '../../../src/api/start.js';
import { loadConfig } from '../../../src/config.js';
import { runDemo } from '../../../src/demo/run-demo.js';
import { loadModel } from '../../../src/score/index.js';

describe('embedded API', () => {
  it('serves a synthetic population with one key per role', async () => {
    const config = loadConfig({ PORT: '1', CORS_ORIGINS: 'https://a.example,https://b.example', RATE_LIMIT_PER_MINUTE: '0' });
    expect(apiOptionsFrom(config)).toEqual({ corsOrigins: ['https://a.example', 'https://b.example'], rateLimitPerMinute: 0, bodyLimitBytes: 1048576, attestationTtlSeconds: 900, trustProxy: false, fairnessCutoffs: [550, 600, 650, 700], scoreCachePersons: 100000 });
    expect(apiOptionsFrom(loadConfig({ FAIRNESS_CUTOFFS: '700, 600,600' })).fairnessCutoffs).toEqual([600, 700]);
    expect(apiOptionsFrom(loadConfig({ TRUST_PROXY: '1' })).trustProxy).toBe(1);
    expect(apiOptionsFrom(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' })).trustProxy).toBe('loopback, 10.0.0.0/8');
    const model = await loadModel();
    const { store } = await runDemo({ persons: 200, seed: 3, asOf: '2026-06-30', model });
    const api = await startEmbeddedApi({ config, model, logger: pino({ level: 'silent' }), store, asOf: '2026-06-30', host: '127.0.0.1', port: 0 });
    try {
      const get = (path: string, key: string) => fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
      const score = await get(`/v1/persons/${api.subjectId}/score`, api.keys.subject);
      expect(score.status).toBe(200);
      expect((await score.json()) as { personId: string }).toMatchObject({ personId: api.subjectId });
      // The demo's subject key gets a recourse answer for its person.
      const recourse = await get(`/v1/persons/${api.subjectId}/recourse`, api.keys.subject);
      expect(recourse.status).toBe(200);
      const answer = (await recourse.json()) as { personId: string; score: number; summary: string; notActionable: { kind: string }[] };
      expect(answer.personId).toBe(api.subjectId);
      expect(answer.score).toBe(((await (await get(`/v1/persons/${api.subjectId}/score`, api.keys.subject)).json()) as { score: number }).score);
      expect(answer.summary.length).toBeGreaterThan(0);
      expect(answer.notActionable.map((item) => item.kind)).toEqual(expect.arrayContaining(['past', 'network', 'protected']));
      expect((await get('/v1/influence/top?limit=3', api.keys.analyst)).status).toBe(200);
      expect((await get(`/v1/persons/${api.subjectId}/score`, api.keys.consumer)).status).toBe(403);
      expect((await get('/v1/jobs/nope', api.keys.admin)).status).toBe(404);
    } finally {
      await api.stop();
    }
  });

  it('refuses a malformed CORS_ORIGINS in one line', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/^CORS_ORIGINS="https:\/\/a.example\/path" is invalid: must be a comma-separated list of origins/);
  });
});
