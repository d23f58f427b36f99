// `tiescore recourse`: the answer from the published run (memory store, no services), computed
// now for a person no run scores yet, one-line errors for an unknown person, another model's run
// and a bad --target, and the terminal text naming the plans and what is not actionable.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRecourse, recourseView } from '../../../src/cli/recourse-show.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { loadModel, parseModel, type Model } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

const run = promisify(execFile);

describe('tiescore recourse', () => {
  let store: MemoryStore;
  let model: Model;
  beforeAll(async () => {
    model = await loadModel();
    store = new MemoryStore();
    await loadSyntheticPopulation(store, 120, 5);
  });

  it('computes now, with a neutral network, when no run scores the person; then answers from the published run', async () => {
    const now = await recourseView(store, model, 'p000', { asOf: SYNTH_AS_OF });
    expect(now.source).toMatchObject({ computedNow: true });
    await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
    const published = (await store.publishedScoresOf(['p000']))!;
    const view = await recourseView(store, model, 'p000', { target: 950 });
    expect(view.source).toEqual({ runId: published.run.id, publishedScore: published.persons[0]!.score!.score });
    expect(view.score).toBe(published.persons[0]!.score!.score);
    expect(view.asOf).toBe(published.run.asOf);
    expect(view.plans).toEqual([]);
    const text = describeRecourse(view);
    expect(text.split('\n')[0]).toBe(`p000: ${view.score} (${view.band})  model ${model.version}, run ${published.run.id}`);
    expect(text).toContain(`the highest reachable score is ${view.highestReachable}`);
    expect(text).toContain('not something you are asked to change:');
    expect(text).toContain('tiescore never advises anyone to choose or drop contacts');
  });

  it('prints each plan with its changes when the target is within reach', async () => {
    for (let k = 0; k < 40; k++) {
      const id = `p${String(k).padStart(3, '0')}`;
      const view = await recourseView(store, model, id, {});
      if (view.plans.length === 0) continue;
      const text = describeRecourse(view);
      expect(text).toContain(`plan 1: ${view.plans[0]!.score} (+${view.plans[0]!.points.toFixed(1)} points`);
      for (const change of view.plans[0]!.changes) expect(text).toContain(`  - ${change.text}`);
      return;
    }
    throw new Error('no person among the first 40 has a plan to the next band');
  });

  it('refuses an unknown person and a run made with another model, in one line', async () => {
    await expect(recourseView(store, model, 'nobody', {})).rejects.toThrow('no person with id "nobody"');
    const other = parseModel({ ...model, version: 'other-1' });
    await expect(recourseView(store, other, 'p000', {})).rejects.toThrow(`the published score was made with model ${model.version}, not other-1`);
  });

  it('rejects a bad --target before it needs any service', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'recourse', 'p000', '--target', '1000'], {
      env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failed && failed.code).toBe(1);
    // The commander convention of every command: the error line, then where --help is.
    expect((failed as { stderr: string }).stderr.trim().split('\n')[0]).toBe(
      "error: option '--target <score>' argument '1000' is invalid. --target must be a whole score from 350 to 950",
    );
  });
});
