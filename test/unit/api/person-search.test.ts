/** Finding people (GET /v1/persons) and one community (GET /v1/communities/{id}) against the store and the view. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, startHarness, type Harness } from './harness.js';

interface Found {
  runId: string;
  persons: { personId: string; score: number; band: string; verified: boolean | null }[];
  scanned: number;
  nextCursor: string | null;
  community?: { id: number; size: number };
}

describe('person search and communities', () => {
  let h: Harness;
  /** Every person with a served score: id → score, band, verified. */
  let served: Map<string, { score: number; band: string; verified: boolean }>;
  beforeAll(async () => {
    h = await startHarness();
    const run = (await h.store.publishedRun())!;
    served = new Map();
    for (const person of await h.store.personsInSeqRange(0, await h.store.seqBound())) {
      const score = await h.store.scoreIn(run, person.id);
      if (score) served.set(person.id, { score: score.score, band: score.band, verified: person.verified ?? false });
    }
  });
  afterAll(() => h.close());

  const find = async (query: string) => {
    const response = await h.call('GET', `/v1/persons?${query}`, { key: h.keys.analyst });
    expect(response.status).toBe(200);
    return (await response.json()) as Found;
  };

  /** Every page of a search, following nextCursor. */
  async function findAll(query: string): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Found = await find(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.persons.map((p) => p.personId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    return { ids, pages };
  }

  const expected = (keep: (id: string, s: { score: number; band: string; verified: boolean }) => boolean) =>
    [...served].filter(([id, s]) => keep(id, s)).map(([id]) => id).sort();

  it('finds by id prefix and filters, in id order, with the served scores', async () => {
    const page = await find('idPrefix=p01&limit=200');
    expect(page.persons.map((p) => p.personId)).toEqual(expected((id) => id.startsWith('p01')));
    for (const p of page.persons) expect(p).toEqual({ personId: p.personId, score: served.get(p.personId)!.score, band: served.get(p.personId)!.band, verified: expect.any(Boolean) });
    expect(page.nextCursor).toBeNull();

    const filtered = await findAll('band=poor,fair&minScore=500&maxScore=640&verified=true&limit=7');
    expect(filtered.ids).toEqual(expected((_id, s) => ['poor', 'fair'].includes(s.band) && s.score >= 500 && s.score <= 640 && s.verified));
    expect(filtered.ids.length).toBeGreaterThan(7); // paged
    expect(filtered.pages).toBeGreaterThan(1);
    expect((await findAll('verified=false&limit=200')).ids).toEqual(expected((_id, s) => !s.verified));
  });

  it('pages through everyone exactly once', async () => {
    const all = await findAll('limit=37');
    expect(all.ids).toEqual(expected(() => true));
    expect(all.pages).toBe(Math.ceil(served.size / 37));
  });

  it('logs each person listed as a search read, and nobody else', async () => {
    const ids = expected((id) => id.startsWith('p02')).slice(0, 4);
    const searches = async (id: string) => (await h.store.accessLogOf(id, 1000)).filter((e) => e.kind === 'search' && e.role === 'analyst').length;
    const before = await Promise.all(ids.map(searches));
    const page = await find('idPrefix=p02&limit=3');
    expect(page.persons.map((p) => p.personId)).toEqual(ids.slice(0, 3));
    expect(await Promise.all(ids.map(searches))).toEqual(before.map((n, k) => (k < 3 ? n + 1 : n)));
  });

  it('lists a community’s members, and ranks them as the influence ranking does', async () => {
    const view = (await h.views.current())!;
    const communities = await view.communities();
    const id = communities.communities.reduce((best, c) => (c.size > best.size ? c : best)).id;
    const members = [...communities.community.keys()].filter((seq) => communities.community[seq] === id).map((seq) => view.idOf(seq)!);
    const found = await findAll(`community=${id}&limit=10`);
    expect(found.ids).toEqual(members.filter((m) => served.has(m)).sort());
    expect((await find(`community=${id}&limit=1`)).community).toEqual({ id, size: members.length });
    const poor = await findAll(`community=${id}&band=poor&limit=50`);
    expect(poor.ids).toEqual(found.ids.filter((m) => served.get(m)!.band === 'poor'));

    const response = await h.call('GET', `/v1/communities/${id}?top=100`, { key: h.keys.analyst });
    expect(response.status).toBe(200);
    const detail = (await response.json()) as { size: number; influential: { rank: number; personId: string; pointsIfOwnScoreZero: number }[]; bandMix: Record<string, number> };
    expect(detail.size).toBe(members.length);
    expect(Object.values(detail.bandMix).reduce((x, y) => x + y, 0)).toBe(found.ids.length);
    // The global ranking, restricted to the members: the same persons in the same order, the same points.
    const top = (await (await h.call('GET', '/v1/influence/top?limit=100', { key: h.keys.analyst })).json()) as { persons: { personId: string; pointsIfOwnScoreZero: number }[] };
    const globalMembers = top.persons.filter((p) => members.includes(p.personId));
    expect(globalMembers.length).toBeGreaterThan(0);
    expect(detail.influential.slice(0, globalMembers.length).map((p) => [p.personId, p.pointsIfOwnScoreZero])).toEqual(globalMembers.map((p) => [p.personId, p.pointsIfOwnScoreZero]));
  });

  it('refuses bad queries with problem+json naming the field', async () => {
    const cases: [string, string][] = [
      ['minScore=700&maxScore=600', 'query.maxScore'],
      ['band=great', 'query.band'],
      ['cursor=not%20a%20cursor', 'query.cursor'],
      [`cursor=${Buffer.from('{"after":7}').toString('base64url')}`, 'query.cursor'],
      ['limit=0', 'query.limit'],
      ['verified=yes', 'query.verified'],
      ['community=-1', 'query.community'],
      ['colour=red', 'query.colour'],
    ];
    for (const [query, field] of cases) {
      const response = await h.call('GET', `/v1/persons?${query}`, { key: h.keys.analyst });
      expect(response.status, query).toBe(400);
      expect((await problemOf(response)).errors?.map((e) => e.field), query).toContain(field);
    }
    const unknown = await h.call('GET', '/v1/persons?community=99999', { key: h.keys.analyst });
    expect(unknown.status).toBe(404);
    expect((await h.call('GET', '/v1/communities/99999', { key: h.keys.analyst })).status).toBe(404);
    expect((await h.call('GET', '/v1/communities/x', { key: h.keys.analyst })).status).toBe(400);
  });
});
