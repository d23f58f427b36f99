import { describe, expect, it } from 'vitest';
import { fairnessReport } from '../../../src/reports/fairness.js';
import { ageBandOf } from '../../../src/reports/protected-groups.js';
import { loadModel, scoreOfDimensions } from '../../../src/score/index.js';
import type { ReportRow } from '../../../src/store/store.js';

// Fixed weights (not the default model's), so the cut-off arithmetic below stays true.
const model = { ...(await loadModel()), weights: { history: 0.35, behaviour: 0.25, capacity: 0.2, identity: 0.15, network: 0.05 } };
const run = { id: 'run-1', modelVersion: model.version, asOf: '2026-06-30' };

/** A person whose own dimensions are all `own` and whose network value is `network`. */
function row(i: number, own: number, network: number, extra: Partial<ReportRow>): ReportRow {
  const dimensions = { history: own, behaviour: own, capacity: own, identity: own, network };
  return { personId: `p${i}`, seq: i, score: Math.round(scoreOfDimensions(dimensions, model)), band: 'good', dimensions, creditEvents: 2, ...extra };
}

describe('fairnessReport', () => {
  // 100 F: 60 approved at 600 either way; 100 M: 80 approved with network, only 50 without
  // (their network value lifts 30 of them over the cut-off); 10 X (too few to judge). Counts under
  // 20 are withheld here (minGroupSize 20), so M's 20 declined are still shown.
  const rows: ReportRow[] = [];
  for (let i = 0; i < 100; i++) rows.push(row(i, i < 60 ? 0.6 : 0.3, 0.5, { sex: 'F', birthYear: 1990 }));
  for (let i = 0; i < 100; i++) rows.push(row(100 + i, i < 50 ? 0.6 : i < 80 ? 0.4145 : 0.3, i < 80 ? 1 : 0.3, { sex: 'M', birthYear: 1950 }));
  for (let i = 0; i < 10; i++) rows.push(row(200 + i, 0.6, 0.5, { sex: 'X' }));
  const report = fairnessReport({ run, rows, model }, { cutoff: 600, minGroupSize: 20 });
  const sex = report.attributes.find((a) => a.attribute === 'sex')!;
  const group = (name: string) => sex.groups.find((g) => g.group === name)!;

  it('counts approvals at the cut-off per group, with and without the network dimension', () => {
    expect(group('F').full.approved).toBe(60);
    expect(group('F').withoutNetwork.approved).toBe(60);
    expect(group('M').full.approved).toBe(80);
    expect(group('M').withoutNetwork.approved).toBe(50);
  });

  it('divides by the most-approved group and flags ratios under 0.8', () => {
    expect(sex.reference).toEqual({ full: 'M', withoutNetwork: 'F' });
    expect(group('F').full.adverseImpactRatio).toBe(0.75);
    expect(group('F').full.flagged).toBe(true);
    expect(group('M').withoutNetwork.adverseImpactRatio).toBeCloseTo(50 / 60, 4);
    expect(group('X').full).toMatchObject({ approved: null, approvalRate: null, adverseImpactRatio: null, flagged: false, suppressed: true, meanScore: null });
    expect(report.flags).toContainEqual({ attribute: 'sex', group: 'F', variant: 'full', adverseImpactRatio: 0.75 });
  });

  it('groups ages at the as-of date and keeps unknowns apart', () => {
    const age = report.attributes.find((a) => a.attribute === 'ageBand')!;
    expect(age.groups.map((g) => [g.group, g.persons])).toEqual([
      ['35–44', 100],
      ['65+', 100],
      ['unknown', 10],
    ]);
  });

  it('describes each group\'s score distribution', () => {
    const f = group('F').full;
    expect(f.meanScore).toBeCloseTo(rows.slice(0, 100).reduce((sum, r) => sum + r.score, 0) / 100, 2);
    expect(f.percentiles.p50).toBe(Math.round(rows[0]!.score / 10) * 10); // to 10 points: no member's exact score
    // F's scores sit in two bands, 40 and 60 persons; the empty bands between would be intervals of
    // 0 persons, so at minGroupSize 20 only the cut-off is a boundary shown and no band share is.
    expect(Object.values(f.bandShares).every((share) => share === null)).toBe(true);
    const all = fairnessReport({ run, rows, model }, { cutoff: 600, minGroupSize: 0 }).attributes[0]!.groups[0]!.full;
    expect(Object.values(all.bandShares).reduce((sum: number, s) => sum + s!, 0)).toBeCloseTo(1, 9);
  });
});

describe('fairnessReport disclosure control', () => {
  it('withholds both sides of the cut-off when either side is small, and such a group is never the reference', () => {
    // 100 F with 95 approved (5 declined: a small cell); 100 M with 50 approved.
    const rows: ReportRow[] = [];
    for (let i = 0; i < 100; i++) rows.push(row(i, i < 95 ? 0.9 : 0.3, 0.5, { sex: 'F' }));
    for (let i = 0; i < 100; i++) rows.push(row(100 + i, i < 50 ? 0.9 : 0.3, 0.5, { sex: 'M' }));
    const report = fairnessReport({ run, rows, model }, { cutoff: 600 });
    const sex = report.attributes.find((a) => a.attribute === 'sex')!;
    const f = sex.groups.find((g) => g.group === 'F')!.full;
    expect(f).toMatchObject({ approved: null, approvalRate: null, adverseImpactRatio: null, flagged: false, suppressed: true });
    expect(sex.reference.full).toBe('M'); // not F, whose rate every ratio would give away
    expect(sex.groups.find((g) => g.group === 'M')!.full).toMatchObject({ approved: 50, approvalRate: 0.5, adverseImpactRatio: 1, suppressed: false });
    // F's bands: 95 excellent, 5 poor: showing the 95 would give the 5 away, so no band is shown.
    expect(f.bandShares).toEqual({ poor: null, fair: null, good: null, very_good: null, excellent: null });
    // 40 excellent, 30 poor, 15 fair, 10 good and 5 very good, nothing under 8 readable: the
    // boundaries 550, 600 and 650 are shown; 700 is not ([650, 700) holds 5), so very good and
    // excellent are shown only together — as the approved count at 650, never apart.
    const own = [...Array(40).fill(0.9), ...Array(30).fill(0.3), ...Array(15).fill(0.33), ...Array(10).fill(0.42), ...Array(5).fill(0.5)] as number[];
    const spread = own.map((value, i) => row(i, value, 0.5, { sex: 'F' }));
    const shares = fairnessReport({ run, rows: spread, model }, { cutoff: 600, minGroupSize: 8 }).attributes[0]!.groups[0]!.full.bandShares;
    expect(shares).toEqual({ poor: 0.3, fair: 0.15, good: 0.1, very_good: null, excellent: null });
  });
});

describe('fairnessReport across cut-offs', () => {
  it('never shows two approved counts whose difference is a small count', () => {
    // 100 F: 50 well below both cut-offs, 5 between 600 and 620, 45 well above. Both sides of 600
    // and of 620 hold at least 30, but approved(600) − approved(620) would be those 5 persons.
    const scoreOf = (own: number) => Math.round(scoreOfDimensions({ history: own, behaviour: own, capacity: own, identity: own, network: 0.5 }, model));
    const between = [...Array(40).keys()].map((k) => 0.4 + k * 0.005).find((own) => scoreOf(own) >= 605 && scoreOf(own) < 615)!;
    expect(between).toBeDefined();
    const own = [...Array(50).fill(0.3), ...Array(5).fill(between), ...Array(45).fill(0.9)] as number[];
    const rows = own.map((value, i) => row(i, value, 0.5, { sex: 'F' }));
    const at = (cutoff: number) => fairnessReport({ run, rows, model }, { cutoff, cutoffs: [600, 620] }).attributes[0]!.groups[0]!.full;
    expect(at(600)).toMatchObject({ approved: 50, suppressed: false });
    expect(at(620)).toMatchObject({ approved: null, approvalRate: null, suppressed: true });
    // Asked about 620 alone (no 600 configured), 620 is fine.
    expect(fairnessReport({ run, rows, model }, { cutoff: 620 }).attributes[0]!.groups[0]!.full).toMatchObject({ approved: 45, suppressed: false });
  });
});

describe('ageBandOf', () => {
  it('bands the age reached in the as-of year', () => {
    expect(ageBandOf(1990, '2026-06-30')).toBe('35–44');
    expect(ageBandOf(2002, '2026-06-30')).toBe('18–24');
    expect(ageBandOf(2001, '2026-06-30')).toBe('25–34');
    expect(ageBandOf(1961, '2026-06-30')).toBe('65+');
    expect(ageBandOf(2010, '2026-06-30')).toBe('under 18');
    expect(ageBandOf(undefined, '2026-06-30')).toBe('unknown');
  });
});
