// Issue 19, items 2 and 3: every person whose score, or anything derived from it, leaves the
// service is logged (analysts) or withheld (subjects).
// - Contagion: each shocked person's own score comes back (`shocks[].ownScoreBefore`); with an
//   offset past the end nothing of `affected` does, and the old code then logged nobody.
// - Analyst explanations list contacts' smoothed scores (`contributions[].value`); each listed
//   contact must get an entry.
// - A subject with one or two contacts must not be able to solve for a contact's smoothed score
//   from value, contactWeight and priorShare: x_j = value·(1 − priorShare)/(contactWeight·cap).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_CONTACTS_FOR_BAND_MIX } from '../../../src/api/explanation.js';
import { startHarness, type Harness } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, checked field by field
const json = async (response: Response): Promise<any> => response.json();

describe('what leaves the service is logged or withheld', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(() => h.close());

  const analystEntries = async (personId: string) => (await h.store.accessLogOf(personId, 1000)).filter((entry) => entry.role === 'analyst');

  it('logs every shocked person of a contagion what-if, even when the page of affected persons is empty', async () => {
    const view = (await h.views.current())!;
    const shocked = ['p010', 'p011', 'p012'];
    const before = await Promise.all(shocked.map(analystEntries));
    const response = await h.call('POST', '/v1/contagion/simulate', {
      key: h.keys.analyst,
      body: { shocks: shocked.map((personId) => ({ personId, ownScore: 0.5 })), offset: 1_000_000 },
    });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.affected).toEqual([]);
    expect(body.shocks.map((s: { personId: string; ownScoreBefore: number }) => s.ownScoreBefore)).toEqual(
      await Promise.all(shocked.map(async (id) => Math.round(view.snapshot.own[(await view.seqOf(id))!]! * 1e6) / 1e6)),
    );
    const after = await Promise.all(shocked.map(analystEntries));
    shocked.forEach((_id, k) => expect(after[k]!.length).toBe(before[k]!.length + 1));
    expect(after.every((entries) => entries[0]!.kind === 'network')).toBe(true);
  });

  it('logs every contact whose smoothed score an analyst explanation lists', async () => {
    let found = false;
    for (let i = 20; i < 60 && !found; i++) {
      const id = `p${String(i).padStart(3, '0')}`;
      const body = await json(await h.call('GET', `/v1/persons/${id}/explanation`, { key: h.keys.analyst }));
      const listed: string[] = (body.network?.contributions ?? []).map((c: { personId: string }) => c.personId);
      if (listed.length < 2) continue;
      found = true;
      for (const contact of listed) {
        const entries = await analystEntries(contact);
        expect(entries.length, contact).toBeGreaterThan(0);
        expect(entries[0]).toMatchObject({ kind: 'network' });
      }
    }
    expect(found).toBe(true);
  });

  it('gives a subject with fewer than three contacts no per-contact quantity', async () => {
    const view = (await h.views.current())!;
    let checked = 0;
    for (let seq = 0; seq < view.snapshot.csr.offsets.length - 1; seq++) {
      const contacts = view.snapshot.csr.offsets[seq + 1]! - view.snapshot.csr.offsets[seq]!;
      if (contacts === 0 || contacts >= MIN_CONTACTS_FOR_BAND_MIX) continue;
      const id = view.idOf(seq)!;
      const { key } = await import('../../../src/api/auth/api-keys.js').then(({ issueApiKey }) => issueApiKey(h.store, { role: 'subject', personId: id }));
      const body = await json(await h.call('GET', `/v1/persons/${id}/explanation`, { key }));
      expect(body.network.available).toBe(true);
      expect(body.network.contacts).toBe(contacts);
      // value (the subject's own network dimension, also in their score) stays; the weights that
      // would solve it for a contact's smoothed score do not.
      for (const field of ['prior', 'contactWeight', 'priorShare', 'bandMix', 'contributions']) expect(body.network[field], field).toBeUndefined();
      expect(body.network.withheld).toMatch(/^fewer than 3 contacts/);
      if (++checked === 3) break;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
