// `tiescore recourse` as a process over the real Neo4j: before any run it computes the answer now
// (neutral network); after a published run it answers from the run's score, exact for the model,
// prints one JSON object with --json, and refuses an unknown person in one line. It wipes the
// test Neo4j (on main the wipe refuses any Neo4j the test set-up did not start and mark).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import type { RecourseView } from '../../src/cli/recourse-show.js';
import { loadModel, type Model } from '../../src/score/index.js';
import type { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { startCli } from '../support/cli-process.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';
import { openMigratedStore } from '../support/migrated-store.js';

const config = loadConfig();

describe('tiescore recourse (Neo4j)', () => {
  let store: Neo4jStore;
  let model: Model;

  beforeAll(async () => {
    model = await loadModel();
    store = await openMigratedStore(config);
    await loadSyntheticPopulation(store, 150, 5);
  });
  afterAll(async () => {
    await store?.wipeAll();
    await store?.close();
  });

  it('computes now before any run, answers from the published run after one', async () => {
    const before = startCli(['recourse', 'p000', '--json', '--as-of', SYNTH_AS_OF]);
    expect(await before.exited, before.stderr()).toBe(0);
    expect((JSON.parse(before.stdout()) as RecourseView).source).toMatchObject({ computedNow: true });

    await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
    const published = (await store.publishedScoresOf(['p000']))!;
    const after = startCli(['recourse', 'p000', '--json', '--target', '950']);
    expect(await after.exited, after.stderr()).toBe(0);
    const lines = after.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    const view = JSON.parse(lines[0]!) as RecourseView;
    expect(view.source).toEqual({ runId: published.run.id, publishedScore: published.persons[0]!.score!.score });
    expect(view.score).toBe(published.persons[0]!.score!.score);
    expect(view.target).toEqual({ score: 950, band: 'excellent', from: 'request' });
    expect(view.reachable).toBe(false);
    expect(view.summary).toContain(`the highest reachable score is ${view.highestReachable}`);

    const text = startCli(['recourse', 'p000']);
    expect(await text.exited).toBe(0);
    expect(text.stdout().split('\n')[0]).toBe(`p000: ${view.score} (${view.band})  model ${model.version}, run ${published.run.id}`);
    expect(text.stdout()).toContain('not something you are asked to change:');
  });

  it('refuses an unknown person in one line', async () => {
    const unknown = startCli(['recourse', 'nobody']);
    expect(await unknown.exited).toBe(1);
    expect(unknown.stderr().trim()).toBe('tiescore: no person with id "nobody"');
  });
});
