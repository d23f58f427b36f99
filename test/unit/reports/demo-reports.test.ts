/** The embedded demo loads the synthetic outcomes, so its API can serve the reports out of the box. */
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../../src/demo/run-demo.js';
import { PublishedReports } from '../../../src/reports/published-reports.js';
import { loadModel } from '../../../src/score/index.js';

describe('demo reports', () => {
  it('has an outcome for every scored person and answers both reports, the second time from memory', async () => {
    const model = await loadModel();
    const { store, recompute } = await runDemo({ persons: 500, seed: 3, asOf: '2026-06-30', model });
    const rows = await store.reportRowsIn(recompute.run);
    expect(rows).toHaveLength(500);
    expect(rows.every((row) => row.defaulted !== undefined)).toBe(true);
    const reports = new PublishedReports(store, model, { replicates: 50 });
    const evaluation = await reports.evaluation();
    expect(evaluation.outcomes.matched).toBe(500);
    expect(evaluation.segments.all.full.roc.length).toBeGreaterThan(2);
    expect((await reports.fairness(600)).persons).toBe(500);
    expect(await reports.evaluation()).toBe(evaluation);
    expect(reports.reads).toBe(1);
  }, 120_000);
});
