/** `tiescore evaluate` and `tiescore fairness` without their Neo4j wiring, over a memory store. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/cli-error.js';
import { evaluatePublished, register as registerEvaluate } from '../../../src/cli/commands/evaluate.js';
import { fairnessOfPublished, register as registerFairness } from '../../../src/cli/commands/fairness.js';
import { describeEvaluation, describeFairness } from '../../../src/cli/report-text.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { readOutcomesFile } from '../../../src/reports/outcomes-file.js';
import { loadModel, type Model } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

const root = mkdtempSync(join(tmpdir(), 'tiescore-report-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('report commands', () => {
  let store: MemoryStore;
  let model: Model;
  beforeAll(async () => {
    store = new MemoryStore();
    model = await loadModel();
    await loadSyntheticPopulation(store, 400, 11);
    await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
  }, 120_000);

  it('evaluates against the stored outcomes, or against a file\'s in their place', async () => {
    const stored = await evaluatePublished(store, model, { replicates: 50 });
    expect(stored.outcomes).toEqual({ matched: 400, scoredWithoutOutcome: 0, unmatched: 0 });
    const file = join(root, 'outcomes.csv');
    writeFileSync(file, 'person_id,defaulted\np000,1\np001,0\np002,0\np003,1\nnobody,1\n');
    const fromFile = await evaluatePublished(store, model, { outcomes: await readOutcomesFile(file), replicates: 50 });
    expect(fromFile.outcomes).toEqual({ matched: 4, scoredWithoutOutcome: 396, unmatched: 1 });
    expect(fromFile.segments.all.defaults).toBe(2);
    const text = describeEvaluation(stored);
    expect(text).toMatch(/^evaluation of run /);
    expect(text).toContain(`  with network        ${stored.segments.all.full.auc!.toFixed(4)}`);
    expect(text).toContain('thin file (at most 1 credit event on record at the as-of date)');
  });

  it('stops at the first bad outcomes row with FILE:LINE: reason', async () => {
    const file = join(root, 'bad.csv');
    writeFileSync(file, 'person_id,defaulted\np000,1\np001,maybe\n');
    await expect(readOutcomesFile(file)).rejects.toThrow(`${file}:3: defaulted: must be true or false`);
    writeFileSync(file, 'person_id,defaulted\n');
    await expect(readOutcomesFile(file)).rejects.toThrow(/holds no outcomes/);
  });

  it('refuses a model other than the run\'s, and outcomes naming nobody scored', async () => {
    await expect(evaluatePublished(store, { ...model, version: 'other-1' })).rejects.toThrow(/scored with model default-.*, not other-1: give that model with --model FILE/);
    await expect(evaluatePublished(store, model, { outcomes: new Map([['nobody', true]]) })).rejects.toThrow(CliError);
  });

  it('reports fairness per sex and age band at a cut-off', async () => {
    const report = await fairnessOfPublished(store, model, 640);
    expect(report.cutoff).toBe(640);
    expect(report.persons).toBe(400);
    const sex = report.attributes.find((a) => a.attribute === 'sex')!;
    expect(sex.groups.reduce((sum, g) => sum + g.persons, 0)).toBe(400);
    expect(describeFairness(report)).toContain('approved: displayed score ≥ 640');
    expect(describeFairness(report)).toContain('"–": withheld, fewer than 30 persons in the group or on either side of the cut-off');
  });

  it('says so in one line when no run is published', async () => {
    await expect(evaluatePublished(new MemoryStore(), model)).rejects.toThrow(/no score run has been published yet/);
    await expect(fairnessOfPublished(new MemoryStore(), model, 600)).rejects.toThrow(CliError);
  });

  it('refuses a cut-off outside the score scale', async () => {
    const program = new Command('tiescore').exitOverride().configureOutput({ writeErr: () => undefined });
    registerFairness(program);
    registerEvaluate(program);
    await expect(program.parseAsync(['fairness', '--cutoff', '1000'], { from: 'user' })).rejects.toThrow(/--cutoff must be a whole score from 350 to 950/);
    await expect(program.parseAsync(['evaluate', '--replicates', '0'], { from: 'user' })).rejects.toThrow(/--replicates/);
  });
});
