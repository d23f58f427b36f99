// Issue 19, item 1: the fairness report must not let an analyst rebuild protected attributes.
// The attack: sweep GET /v1/reports/fairness?cutoff=C over C = 350…950, difference the approved
// counts into each group's exact score histogram (small groups included), and match persons with a
// unique score. Defences tested here: only admin-configured cut-offs are answered, no count under
// minGroupSize can be read off the answers — alone or as a difference of two of them, at the same
// or at different cut-offs — percentiles are no member's exact score, and every request is
// recorded with the key, role and cut-off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANDS } from '../../../src/score/index.js';
import { protectedAttributes } from '../../../src/reports/protected-groups.js';
import { problemOf, startHarness, type Harness } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, checked field by field
const json = async (response: Response): Promise<any> => response.json();
const CUTOFFS = [550, 600, 650, 700];
const MIN = 30;

describe('the fairness report against rebuilding protected attributes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ api: { fairnessCutoffs: CUTOFFS, rateLimitPerMinute: 0 } });
  }, 120_000);
  afterAll(() => h.close());

  it('answers only at the configured cut-offs: a sweep of 350…950 gets nothing else', async () => {
    const answered: number[] = [];
    for (let cutoff = 350; cutoff <= 950; cutoff++) {
      const response = await h.call('GET', `/v1/reports/fairness?cutoff=${cutoff}`, { key: h.keys.analyst });
      if (response.status === 200) answered.push(cutoff);
      else {
        expect(response.status).toBe(400);
        expect((await problemOf(response)).errors).toEqual([{ field: 'query.cutoff', message: 'must be one of the configured cut-offs 550, 600, 650, 700' }]);
      }
    }
    expect(answered).toEqual(CUTOFFS);
    const report = await json(await h.call('GET', '/v1/reports/fairness', { key: h.keys.analyst }));
    expect(report.cutoff).toBe(600);
    expect(report.cutoffs).toEqual(CUTOFFS);
  });

  it('shows no count under minGroupSize, not even as a difference of counts from any of the cut-offs', async () => {
    const run = (await h.store.publishedRun())!;
    const rows = await h.store.reportRowsIn(run);
    const reports = await Promise.all(CUTOFFS.map(async (cutoff) => json(await h.call('GET', `/v1/reports/fairness?cutoff=${cutoff}`, { key: h.keys.analyst }))));
    let withheld = 0;
    let shown = 0;
    for (const attribute of protectedAttributes(run.asOf)) {
      const groups = reports[0].attributes.find((a: { attribute: string }) => a.attribute === attribute.attribute).groups as { group: string; persons: number }[];
      for (const { group, persons } of groups) {
        const members = rows.filter((row) => attribute.groupOf(row) === group);
        expect(persons).toBe(members.length);
        // Everything the analyst can read about the group's full scores, as "n persons score at or
        // above t": the size (t = 350), each approved count, each band share (both its edges).
        const known = new Map<number, number>([[350, persons], [951, 0]]);
        reports.forEach((report, k) => {
          const cell = report.attributes.find((a: { attribute: string }) => a.attribute === attribute.attribute).groups.find((g: { group: string }) => g.group === group).full;
          if (cell.approved === null) {
            withheld++;
            expect(cell).toMatchObject({ approvalRate: null, adverseImpactRatio: null, flagged: false, suppressed: true });
          } else {
            shown++;
            expect(cell.approved).toBe(members.filter((row) => row.score >= CUTOFFS[k]!).length);
            known.set(CUTOFFS[k]!, cell.approved);
          }
          BANDS.forEach((band, b) => {
            const share = cell.bandShares[band.id];
            if (share === null) return;
            expect(Math.round(share * persons)).toBe(members.filter((row) => row.score >= band.min && row.score <= band.max).length);
            known.set(band.min, members.filter((row) => row.score >= band.min).length);
            known.set(BANDS[b + 1]?.min ?? 951, members.filter((row) => row.score > band.max).length);
          });
          if (persons < MIN) expect(cell.meanScore).toBeNull();
          for (const p of Object.values(cell.percentiles) as (number | null)[]) if (p !== null) expect(p % 10).toBe(0);
        });
        // Any two of those numbers differ by 0 persons (the same boundary) or by at least MIN.
        const counts = [...known.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
        if (persons < MIN) expect(counts).toEqual([persons, 0]);
        else counts.slice(1).forEach((n, i) => expect(counts[i]! - n, `${attribute.attribute} ${group}`).toBeGreaterThanOrEqual(MIN));
      }
    }
    expect(withheld).toBeGreaterThan(0); // the population has small groups and small cells
    expect(shown).toBeGreaterThan(0);
  });

  it('records every request: who asked, under which role, at which cut-off', async () => {
    const before = (await h.store.reportReads(1000)).length;
    await h.call('GET', '/v1/reports/fairness?cutoff=650', { key: h.keys.analyst });
    await h.call('GET', '/v1/reports/fairness', { key: h.keys.admin });
    await h.call('GET', '/v1/reports/fairness?cutoff=651', { key: h.keys.analyst }); // refused: nothing read
    const reads = await h.store.reportReads(1000);
    expect(reads.length).toBe(before + 2);
    expect(reads.slice(0, 2)).toEqual([
      expect.objectContaining({ report: 'fairness', cutoff: 600, role: 'admin' }),
      expect.objectContaining({ report: 'fairness', cutoff: 650, role: 'analyst' }),
    ]);
    const listed = await json(await h.call('GET', '/v1/reports/reads?limit=2', { key: h.keys.admin }));
    expect(listed.reads.map((r: { cutoff: number }) => r.cutoff)).toEqual([600, 650]);
    expect((await h.call('GET', '/v1/reports/reads', { key: h.keys.analyst })).status).toBe(403);
  });
});
