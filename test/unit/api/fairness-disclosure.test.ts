// Issue 19, item 1: the fairness report must not let an analyst rebuild protected attributes.
// The attack: sweep GET /v1/reports/fairness?cutoff=C over C = 350…950, difference the approved
// counts into each group's exact score histogram (small groups included), and match persons with a
// unique score. Defences tested here: only admin-configured cut-offs are answered, every cell under
// minGroupSize is withheld on both sides of the cut-off (and band cells with a complement), and
// every request is recorded with the key, role and cut-off.
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

  it('withholds every cell under minGroupSize, on both sides of the cut-off', async () => {
    const run = (await h.store.publishedRun())!;
    const rows = await h.store.reportRowsIn(run);
    let withheld = 0;
    let shown = 0;
    for (const cutoff of CUTOFFS) {
      const report = await json(await h.call('GET', `/v1/reports/fairness?cutoff=${cutoff}`, { key: h.keys.analyst }));
      expect(report.minGroupSize).toBe(MIN);
      for (const attribute of protectedAttributes(run.asOf)) {
        const section = report.attributes.find((a: { attribute: string }) => a.attribute === attribute.attribute);
        for (const group of section.groups) {
          const members = rows.filter((row) => attribute.groupOf(row) === group.group);
          expect(group.persons).toBe(members.length);
          const approved = members.filter((row) => row.score >= cutoff).length;
          const cell = group.full;
          if (members.length < MIN || approved < MIN || members.length - approved < MIN) {
            withheld++;
            expect(cell).toMatchObject({ approved: null, approvalRate: null, adverseImpactRatio: null, flagged: false, suppressed: true });
          } else {
            shown++;
            expect(cell.approved).toBe(approved);
            expect(cell.suppressed).toBe(false);
          }
          if (members.length < MIN) {
            expect(cell.meanScore).toBeNull();
            expect(Object.values(cell.percentiles).every((v) => v === null)).toBe(true);
            expect(Object.values(cell.bandShares).every((v) => v === null)).toBe(true);
          } else {
            // A band cell is shown only when it holds at least MIN persons, and never as the one
            // withheld cell that 1 − the others would give away.
            const counts = BANDS.map((band) => members.filter((row) => row.score >= band.min && row.score <= band.max).length);
            const hidden = BANDS.filter((band) => cell.bandShares[band.id] === null).length;
            expect(hidden === 0 || hidden >= 2).toBe(true);
            BANDS.forEach((band, k) => {
              const share = cell.bandShares[band.id];
              if (counts[k]! < MIN) expect(share).toBeNull();
              if (share !== null) expect(Math.round(share * members.length)).toBe(counts[k]);
            });
          }
        }
      }
      for (const flag of report.flags) expect(typeof flag.adverseImpactRatio).toBe('number');
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
