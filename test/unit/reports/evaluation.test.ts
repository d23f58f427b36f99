import { describe, expect, it } from 'vitest';
import { evaluateRun } from '../../../src/reports/evaluation.js';
import { auc } from '../../../src/reports/metrics/auc.js';
import { loadModel, scoreOfDimensions, scoreWithoutNetwork } from '../../../src/score/index.js';
import type { ReportRow } from '../../../src/store/store.js';

const model = await loadModel();
const run = { id: 'run-1', modelVersion: model.version, asOf: '2026-06-30' };

/** Person i: own dimensions rising with i, network value falling with i; every third defaults. */
function rows(n: number): ReportRow[] {
  return Array.from({ length: n }, (_v, i) => {
    const own = 0.2 + (0.6 * i) / n;
    const dimensions = { history: own, behaviour: own, capacity: own, identity: own, network: 0.9 - (0.5 * ((i * 7) % n)) / n };
    const score = Math.round(scoreOfDimensions(dimensions, model));
    return { personId: `p${i}`, seq: i, score, band: 'good', dimensions, creditEvents: i % 4, defaulted: i % 3 === 0 && i < n / 2 ? true : i % 11 === 0 };
  });
}

describe('evaluateRun', () => {
  const data = rows(600);
  const report = evaluateRun({ run, rows: [...data, { ...data[0]!, personId: 'no-outcome', seq: 600, defaulted: undefined }], model }, { replicates: 100 });

  it('ranks the unrounded scores of both variants', () => {
    const bad = data.map((r) => (r.defaulted ? 1 : 0));
    expect(report.segments.all.full.auc).toBeCloseTo(auc(data.map((r) => scoreOfDimensions(r.dimensions, model)), bad), 4);
    expect(report.segments.all.withoutNetwork.auc).toBeCloseTo(auc(data.map((r) => scoreWithoutNetwork(r.dimensions, model)), bad), 4);
    expect(report.segments.all.full.gini).toBeCloseTo(2 * report.segments.all.full.auc! - 1, 3);
    expect(report.outcomes).toEqual({ matched: 600, scoredWithoutOutcome: 1, unmatched: 0 });
  });

  it('keeps thin-file persons (at most one credit event) apart', () => {
    expect(report.segments.thinFile.persons).toBe(data.filter((r) => r.creditEvents <= 1).length);
    expect(report.thinFile.definition).toBe('at most 1 credit event on record at the as-of date');
  });

  it('counts persons and defaults per band, and bounds the difference with its interval', () => {
    for (const variant of ['full', 'withoutNetwork'] as const) {
      const bands = report.segments.all[variant].bands;
      expect(bands.map((b) => b.band)).toEqual(['poor', 'fair', 'good', 'very_good', 'excellent']);
      expect(bands.reduce((sum, b) => sum + b.persons, 0)).toBe(600);
      expect(bands.reduce((sum, b) => sum + b.defaults, 0)).toBe(report.segments.all.defaults);
    }
    const d = report.segments.all.aucDifference!;
    expect(d.difference).toBeCloseTo(report.segments.all.full.auc! - report.segments.all.withoutNetwork.auc!, 3);
    expect(d.lower!).toBeLessThanOrEqual(d.difference!);
    expect(d.upper!).toBeGreaterThanOrEqual(d.difference!);
  });

  it('has null metrics, not NaN, for a segment without defaults', () => {
    const clean = data.map((r) => ({ ...r, defaulted: false }));
    const result = evaluateRun({ run, rows: clean, model }, { replicates: 10 });
    expect(result.segments.all.full.auc).toBeNull();
    expect(result.segments.all.full.roc).toEqual([]);
    expect(result.segments.all.aucDifference).toBeNull();
    expect(JSON.stringify(result)).not.toContain('NaN');
  });
});
