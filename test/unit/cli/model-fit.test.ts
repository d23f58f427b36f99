import { beforeAll, describe, expect, it } from 'vitest';
import { fitCard, fitPublished, fittedModelFile } from '../../../src/cli/model-fit.js';
import { CliError } from '../../../src/cli/cli-error.js';
import { FIT_DEFAULTS } from '../../../src/fit/fit-defaults.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { loadModel, type Model } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { startCli } from '../../support/cli-process.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

describe('tiescore model fit', () => {
  let store: MemoryStore;
  let base: Model;

  beforeAll(async () => {
    store = new MemoryStore();
    base = await loadModel();
    await loadSyntheticPopulation(store, 3000, 11);
    await recomputeInline(store, base, { asOf: SYNTH_AS_OF });
  });

  it('fits weights ≥ 0 summing to 1 with the network within its cap, into a model the pipeline scores exactly as the fit did', async () => {
    const fitted = await fitPublished(store, base, { holdout: { share: 0.3 }, networkCapPoints: 45, version: 'test-fit' });
    const { report } = fitted;
    const model = fittedModelFile(fitted, 'test-fit.md');
    expect(model.version).toBe('test-fit');
    expect(model.card).toBe('test-fit.md'); // its own card, not the base model's
    expect(model.features.behaviour.map((f) => f.actionable)).toEqual(base.features.behaviour.map((f) => f.actionable)); // recourse data kept
    expect(fitCard(report)).toContain(`# Model card: test-fit`);
    expect(fitCard(report)).toContain(`fitted from ${base.version}`);
    expect(Object.values(model.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (const w of Object.values(model.weights)) expect(w).toBeGreaterThanOrEqual(0);
    expect(600 * model.weights.network).toBeLessThanOrEqual(45 + 1e-9);
    expect(report.networkReachPoints).toBeCloseTo(600 * model.weights.network, 9);
    // Contacts use part of the reach, never more than all of it.
    expect(report.contactPoints.median).toBeGreaterThan(0);
    expect(report.contactPoints.median).toBeLessThanOrEqual(report.contactPoints.p90);
    expect(report.contactPoints.p99).toBeLessThanOrEqual(report.contactPoints.largest);
    expect(report.contactPoints.largest).toBeLessThanOrEqual(report.networkReachPoints / 2 + 1e-9);
    expect(report.persons.train + report.persons.holdout).toBe(3000);
    expect(report.persons.holdout).toBeGreaterThan(750);
    expect(report.persons.holdout).toBeLessThan(1050);
    expect(report.candidates).toHaveLength(FIT_DEFAULTS.alphas.length * FIT_DEFAULTS.shrinkages.length * FIT_DEFAULTS.bandHalfWidths.length);
    // On this population the fit takes a network band, so the pipeline check below covers the band.
    expect(report.network.bandHalfWidth).not.toBeNull();
    expect(model.network.bandHalfWidth).toBe(report.network.bandHalfWidth);
    expect(report.train.all.auc.withNetwork!).toBeGreaterThan(0.65);

    // A recompute with the fitted model gives every person the dimensions the fit scored them with.
    const { run } = await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
    const stored = new Map((await store.reportRowsIn(run)).map((row) => [row.personId, row]));
    for (const row of fitted.rows) {
      const now = stored.get(row.personId)!;
      for (const [dimension, value] of Object.entries(row.dimensions)) expect(now.dimensions[dimension as keyof typeof now.dimensions]).toBeCloseTo(value, 9);
      expect(now.score).toBe(row.score);
    }
  });

  it('holds out the newest accounts with holdoutFrom, and refuses a holdout that leaves nobody to fit on', async () => {
    const fitted = await fitPublished(store, base, { holdout: { accountsFrom: '2024-01-01' }, networkCapPoints: 60, version: 'by-date' });
    expect(fitted.report.holdout).toBe('accounts opened on or after 2024-01-01');
    expect(fitted.report.persons.holdout).toBeGreaterThan(0);
    expect(fitted.report.persons.train).toBeGreaterThan(0);
    await expect(fitPublished(store, base, { holdout: { accountsFrom: '1900-01-01' }, networkCapPoints: 60, version: 'x' })).rejects.toThrow(
      new CliError('the holdout leaves nobody to fit on'),
    );
  });

  it('fits only the bands it is given: none keeps the network dimension n itself', async () => {
    const fitted = await fitPublished(store, base, { holdout: { share: 0.3 }, networkCapPoints: 60, version: 'no-band', bandHalfWidths: [null] });
    expect(fitted.report.network.bandHalfWidth).toBeNull();
    expect(fitted.model.network.bandHalfWidth).toBeUndefined();
    expect(fitted.report.candidates.every((c) => c.bandHalfWidth === null)).toBe(true);
  });

  it('refuses a bad --band-widths with the reason', async () => {
    const bad = startCli(['model', 'fit', '--out', 'x.json', '--band-widths', 'none,-1']);
    expect(await bad.exited).not.toBe(0);
    expect(bad.stderr().split('\n')[0]).toBe('error: option \'--band-widths <list>\' argument \'none,-1\' is invalid. --band-widths takes half-widths in (0, 1] and "none", comma-separated, e.g. none,0.12,0.25; got "-1"');
  });

  it('says what is missing when nothing is published or no outcome names a scored person', async () => {
    await expect(fitPublished(new MemoryStore(), base, { holdout: { share: 0.3 }, networkCapPoints: 60, version: 'x' })).rejects.toThrow(/no score run has been published yet/);
    await expect(fitPublished(store, base, { outcomes: new Map([['nobody', true]]), holdout: { share: 0.3 }, networkCapPoints: 60, version: 'x' })).rejects.toThrow(
      /none of the outcomes names a person run .* scored/,
    );
  });
});
