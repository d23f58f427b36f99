/** The request log: one JSON line per request with the route, the caller's key id, status and time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, SUBJECT, type Harness } from '../harness.js';

describe('request log', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const linesFor = (path: string) =>
    h
      .logs()
      .split('\n')
      .filter((line) => line.includes(`"path":"${path}"`))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('names the route and the key of a successful request', async () => {
    const path = `/v1/persons/${SUBJECT}/score`;
    expect((await h.call('GET', path, { key: h.keys.analyst })).status).toBe(200);
    const [line] = linesFor(path);
    expect(line).toMatchObject({
      level: 30,
      route: 'GET /v1/persons/{id}/score',
      keyId: h.keys.analyst.split('_')[1],
      req: { method: 'GET', path },
      res: { statusCode: 200 },
    });
    expect(typeof line?.responseTime).toBe('number');
  });

  it('logs refusals as warnings, with the route and without a key id', async () => {
    const path = `/v1/persons/${SUBJECT}/explanation`;
    expect((await h.call('GET', path)).status).toBe(401);
    const [line] = linesFor(path);
    expect(line).toMatchObject({ level: 40, route: 'GET /v1/persons/{id}/explanation', res: { statusCode: 401 } });
    expect(line).not.toHaveProperty('keyId');
  });
});
