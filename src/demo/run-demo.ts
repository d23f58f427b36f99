/**
 * The embedded main job behind `tiescore demo`: generate a synthetic population, import it
 * through the ordinary importer into the in-memory store (its next-year outcomes too, for the
 * evaluation report), run the same recompute pipeline inline, and summarise what an analyst
 * would look at first — the score distribution, the most systemically important persons and
 * one contagion what-if. No services needed.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roundTo } from '../domain/display-numbers.js';
import { ContagionWorkspace, influenceCentrality, pushContagion, topK } from '../graph/index.js';
import { importFiles } from '../import/importer.js';
import { recomputeInline, type InlineRecomputeResult } from '../jobs/recompute/inline-runner.js';
import type { RecomputeStep } from '../jobs/recompute/steps.js';
import { defaultShock } from '../analysis/default-shock.js';
import { scoreWeightsOf } from '../analysis/score-weights.js';
import type { Model } from '../score/index.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import { generatePopulation } from '../synth/population.js';
import { writePopulationFiles } from '../synth/write-files.js';

// Outcomes too: they are no score input, but the evaluation report backtests against them.
const IMPORTED = ['persons', 'friendships', 'transactions', 'events', 'outcomes'] as const;

export interface DemoOptions {
  persons: number;
  seed: number;
  /** The synthetic population's as-of date, also the scoring date. */
  asOf: string;
  model: Model;
  onStage?: (stage: 'generate' | 'import' | RecomputeStep, done: number, total: number) => void;
}

export interface DemoSummary {
  persons: number;
  friendships: number;
  transactions: number;
  events: number;
  run: { id: string; modelVersion: string; asOf: string; iterations: number; timingsMs: Record<string, number> };
  meanScore: number | null;
  bands: Record<string, number>;
  /** The shock the influence ranking uses (src/analysis/shocks.ts). */
  influenceShock: 'own-score-to-0';
  mostInfluential: { personId: string; score: number; band: string; pointsIfOwnScoreZero: number }[];
  contagionExample: {
    personId: string;
    /** The shock of the example (src/analysis/shocks.ts). */
    shock: 'default-event';
    /** Σ delta points over everyone the push reached (within its tolerance). */
    totalPoints: number;
    ownScoreChange: number;
    movedAtLeastOnePoint: number;
    movedAtLeastATenthOfAPoint: number;
    largest: { personId: string; deltaPoints: number; hops: number } | null;
    pushes: number;
  } | null;
  seconds: { generate: number; import: number; recompute: number };
}

export interface DemoResult {
  store: MemoryStore;
  recompute: InlineRecomputeResult;
  summary: DemoSummary;
}

/**
 * @example
 * const { summary } = await runDemo({ persons: 5000, seed: 1, asOf: '2026-06-30', model });
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { model, asOf } = options;
  const clock = () => performance.now() / 1000;
  let t = clock();
  const pop = generatePopulation({ persons: options.persons, seed: options.seed, asOf });
  const dir = await mkdtemp(join(tmpdir(), 'tiescore-demo-'));
  const store = new MemoryStore();
  let seconds: DemoSummary['seconds'];
  let recompute: InlineRecomputeResult;
  try {
    await writePopulationFiles(pop, dir, { onProgress: (p) => options.onStage?.('generate', p.done, p.total) });
    const generated = clock() - t;
    t = clock();
    const files = Object.fromEntries(IMPORTED.map((kind) => [kind, join(dir, `${kind}.csv`)]));
    const sizes = await Promise.all(IMPORTED.map(async (kind) => (await stat(files[kind]!)).size));
    const totalBytes = sizes.reduce((x, y) => x + y, 0);
    const imported = await importFiles(store, files, {
      onProgress: (p) => {
        const before = sizes.slice(0, IMPORTED.indexOf(p.kind)).reduce((x, y) => x + y, 0);
        options.onStage?.('import', before + p.bytesRead, totalBytes);
      },
    });
    if (imported.rejected > 0) throw new Error(`demo: the synthetic files had ${imported.rejected} bad rows`);
    const importSeconds = clock() - t;
    t = clock();
    recompute = await recomputeInline(store, model, { asOf, onProgress: (step, done, total) => options.onStage?.(step, done, total) });
    seconds = { generate: generated, import: importSeconds, recompute: clock() - t };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { store, recompute, summary: await summarise(store, recompute, model, seconds) };
}

async function summarise(
  store: MemoryStore,
  { run, snapshot, network }: InlineRecomputeResult,
  model: Model,
  seconds: DemoSummary['seconds'],
): Promise<DemoSummary> {
  const counts = await store.counts();
  const weights = scoreWeightsOf(model);
  const influence = influenceCentrality(snapshot.csr, network, weights);
  const idOf = (seq: number) => snapshot.ids[seq]!;
  const mostInfluential = await Promise.all(
    [...topK(influence.points, 5)].map(async (seq) => {
      const score = (await store.scoreIn(run, idOf(seq)))!;
      return { personId: idOf(seq), score: score.score, band: score.band, pointsIfOwnScoreZero: roundTo(influence.points[seq]!, 2) };
    }),
  );

  let contagionExample: DemoSummary['contagionExample'] = null;
  const first = mostInfluential[0];
  if (first) {
    const person = (await store.getPerson(first.personId))!;
    const deltaB = defaultShock({ person, events: await store.eventsOf(person.id), asOf: run.asOf, model });
    const result = pushContagion(snapshot.csr, network, [{ node: person.seq, deltaB }], {
      workspace: new ContagionWorkspace(snapshot.csr, network),
      weights,
      threshold: 0.1,
      // The total counts what the push leaves below its tolerance, as the API's what-if does.
      residualWeights: influence.totalNetworkEffect,
    });
    const others = result.affected.filter((a) => a.node !== person.seq);
    const largest = others[0];
    contagionExample = {
      personId: person.id,
      shock: 'default-event',
      totalPoints: roundTo(result.totalPoints, 2),
      ownScoreChange: roundTo(weights.scale * weights.own * deltaB, 2),
      movedAtLeastOnePoint: others.filter((a) => Math.abs(a.deltaPoints) >= 1).length,
      movedAtLeastATenthOfAPoint: others.length,
      largest: largest ? { personId: idOf(largest.node), deltaPoints: roundTo(largest.deltaPoints, 2), hops: largest.hops } : null,
      pushes: result.pushes,
    };
  }

  const stats = run.stats as { meanScore: number | null; bands: Record<string, number>; iterations: number; timingsMs: Record<string, number> };
  return {
    persons: counts.persons,
    friendships: counts.friendships,
    transactions: counts.transactions,
    events: counts.events,
    run: { id: run.id, modelVersion: run.modelVersion, asOf: run.asOf, iterations: stats.iterations, timingsMs: stats.timingsMs },
    meanScore: stats.meanScore,
    bands: stats.bands,
    influenceShock: 'own-score-to-0',
    mostInfluential,
    contagionExample,
    seconds: { generate: roundTo(seconds.generate, 2), import: roundTo(seconds.import, 2), recompute: roundTo(seconds.recompute, 2) },
  };
}
