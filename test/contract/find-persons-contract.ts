/**
 * The store contract of the analysts' person search (`Store.findPersons`), run by
 * store-contract.ts for every adapter: candidates in id order, scores served through the
 * lineage, every filter, the page cut and the `scan` bound.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/records.js';
import type { PersonScore, ScoreRun } from '../../src/domain/scores.js';
import type { PersonSearch, Store } from '../../src/store/store.js';

const scored = (runId: string, personId: string, seq: number, score: number, band: string): PersonScore => ({
  runId,
  personId,
  seq,
  score,
  band,
  dimensions: { history: 0.5, behaviour: 0.5, capacity: 0.5, identity: 0.5, network: 0.5 },
  reasonCodes: [],
  modelVersion: 'test-1',
});

const ANY: PersonSearch = { idPrefix: '', after: '', minScore: 350, maxScore: 950, limit: 50, scan: 1000 };

export function describeFindPersonsContract(current: () => Store, person: (id: string, overrides?: Partial<Person>) => Person): void {
  describe('person search', () => {
    let inc: ScoreRun;
    beforeEach(async () => {
      const store = current();
      // Inserted out of id order, so seq order is not id order.
      await store.upsertPersons([
        person('b2'),
        person('a10', { verified: false }),
        person('a2'),
        person('a1'),
        person('b1', { verified: undefined }),
        person('c1'),
        person('a3'),
      ]);
      const seq = async (id: string) => (await store.getPerson(id))!.seq;
      const full = { id: 'full1', kind: 'full', status: 'complete', modelVersion: 'test-1', asOf: '2026-06-30', startedAt: '2026-07-01T02:00:00.000Z', lineage: ['full1'], stats: {} } as const;
      await store.createRun({ ...full, lineage: [...full.lineage] });
      const bands: [string, number, string][] = [
        ['a1', 520, 'poor'],
        ['a2', 610, 'good'],
        ['a3', 720, 'excellent'],
        ['a10', 580, 'fair'],
        ['b1', 540, 'poor'],
        ['b2', 660, 'very_good'],
      ]; // c1 is not scored
      await store.writeScores(await Promise.all(bands.map(async ([id, value, band]) => scored('full1', id, await seq(id), value, band))));
      inc = { ...full, id: 'inc1', kind: 'incremental', lineage: ['inc1', 'full1'], startedAt: '2026-07-02T02:00:00.000Z' };
      await store.createRun(inc);
      await store.writeScores([scored('inc1', 'a2', await seq('a2'), 530, 'poor')]);
    });

    const ids = async (search: Partial<PersonSearch>) => (await current().findPersons(inc, { ...ANY, ...search })).matches.map((m) => m.personId);

    it('finds by id prefix in id order, with the scores the run serves, and only scored persons', async () => {
      const page = await current().findPersons(inc, { ...ANY, idPrefix: 'a' });
      expect(page).toEqual({
        matches: [
          { personId: 'a1', seq: (await current().getPerson('a1'))!.seq, verified: true, score: 520, band: 'poor' },
          { personId: 'a10', seq: (await current().getPerson('a10'))!.seq, verified: false, score: 580, band: 'fair' },
          { personId: 'a2', seq: (await current().getPerson('a2'))!.seq, verified: true, score: 530, band: 'poor' },
          { personId: 'a3', seq: (await current().getPerson('a3'))!.seq, verified: true, score: 720, band: 'excellent' },
        ],
        scanned: 4,
        resumeAfter: undefined,
      });
      expect(await ids({})).toEqual(['a1', 'a10', 'a2', 'a3', 'b1', 'b2']); // c1 has no score
      expect(await ids({ idPrefix: 'a1' })).toEqual(['a1', 'a10']);
      expect(await ids({ idPrefix: 'zz' })).toEqual([]);
      // The full run alone serves a2's older score.
      expect((await current().findPersons((await current().getRun('full1'))!, { ...ANY, idPrefix: 'a2' })).matches[0]).toMatchObject({ score: 610, band: 'good' });
    });

    it('filters by band, score range and verification (unknown counts as not verified)', async () => {
      expect(await ids({ bands: ['poor'] })).toEqual(['a1', 'a2', 'b1']);
      expect(await ids({ bands: ['poor', 'excellent'], idPrefix: 'a' })).toEqual(['a1', 'a2', 'a3']);
      expect(await ids({ minScore: 530, maxScore: 660 })).toEqual(['a10', 'a2', 'b1', 'b2']);
      expect(await ids({ verified: true })).toEqual(['a1', 'a2', 'a3', 'b2']);
      expect(await ids({ verified: false })).toEqual(['a10', 'b1']);
      expect(await ids({ verified: false, bands: ['poor'], maxScore: 539 })).toEqual([]);
    });

    it('pages with resumeAfter until every candidate is read', async () => {
      const first = await current().findPersons(inc, { ...ANY, limit: 2 });
      expect(first.matches.map((m) => m.personId)).toEqual(['a1', 'a10']);
      expect(first.resumeAfter).toBe('a10');
      const second = await current().findPersons(inc, { ...ANY, limit: 2, after: first.resumeAfter! });
      expect(second.matches.map((m) => m.personId)).toEqual(['a2', 'a3']);
      const third = await current().findPersons(inc, { ...ANY, limit: 2, after: second.resumeAfter! });
      expect(third.matches.map((m) => m.personId)).toEqual(['b1', 'b2']);
      // b2 is the last match but c1 was read after it: the read is finished.
      expect(third.resumeAfter).toBeUndefined();
    });

    it('reads at most `scan` candidates, and says where to continue even without a match', async () => {
      const page = await current().findPersons(inc, { ...ANY, bands: ['very_good'], scan: 3 });
      expect(page).toEqual({ matches: [], scanned: 3, resumeAfter: 'a2' });
      const next = await current().findPersons(inc, { ...ANY, bands: ['very_good'], scan: 3, after: 'a2' });
      expect(next.matches.map((m) => m.personId)).toEqual(['b2']);
      expect(next.resumeAfter).toBe('b2');
      expect(await current().findPersons(inc, { ...ANY, bands: ['very_good'], scan: 3, after: 'b2' })).toEqual({ matches: [], scanned: 1, resumeAfter: undefined });
    });

    it('searches among given candidates only, skipping unknown and unscored ones', async () => {
      const page = await current().findPersons(inc, { ...ANY, among: ['a2', 'a3', 'b2', 'c1', 'gone'] });
      expect(page.matches.map((m) => [m.personId, m.score])).toEqual([
        ['a2', 530],
        ['a3', 720],
        ['b2', 660],
      ]);
      expect(page.scanned).toBe(5);
      expect(await ids({ among: ['a1', 'a2', 'a3', 'b1'], bands: ['poor'], verified: true })).toEqual(['a1', 'a2']);
      const cut = await current().findPersons(inc, { ...ANY, among: ['a1', 'a2', 'a3', 'b1'], limit: 1 });
      expect([cut.matches.map((m) => m.personId), cut.resumeAfter]).toEqual([['a1'], 'a1']);
    });
  });
}
