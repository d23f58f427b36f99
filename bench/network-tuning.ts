/**
 * Does the network dimension rank next-year defaults better, and with which parameters?
 * A sweep over the network weight and the propagation parameters on synthetic populations
 * (never seed 1, which is kept for the honest evaluation, bench/model-quality.ts):
 *
 *   npx tsx bench/network-tuning.ts --persons 20000 --seeds 7,11
 *
 * Each population goes through the ordinary importer into the in-memory store once; the own
 * scores b come from the SNAPSHOT step with the default model. The contact graph is then
 * rebuilt from the store for each parameter set and propagated; the final score is
 * (1 − w)·b + w·n (the score scale is an affine map of it, so the AUC is the same).
 * Prints one line per (seed, parameters) and the mean AUC lift over the seeds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/import/importer.js';
import { readSnapshotImage } from '../src/jobs/recompute/snapshot.js';
import { snapshotOfImage } from '../src/jobs/recompute/snapshot-image.js';
import { propagateNetwork } from '../src/graph/propagate.js';
import { loadModel, type Model } from '../src/score/index.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { generatePopulation } from '../src/synth/population.js';
import { FILES, writePopulationFiles } from '../src/synth/write-files.js';
import { auc } from '../src/reports/metrics/auc.js';
import type { NetworkParams } from '../src/graph/network-params.js';
import type { Store } from '../src/store/store.js';
import { stringArg } from './lib/report.js';

/** The kernels' snapshot of the whole store at `asOf`. */
async function takeSnapshot(store: Store, model: Model, asOf: string) {
  return snapshotOfImage(await readSnapshotImage(store, model, asOf), model);
}

const persons = Number(stringArg('persons') ?? 20_000);
const seeds = (stringArg('seeds') ?? '7,11').split(',').map(Number);
if (seeds.includes(1)) {
  console.error('bench/network-tuning: seed 1 is the evaluation seed; tune on other seeds');
  process.exit(2);
}
const asOf = '2026-06-30';

const base = await loadModel(stringArg('model'));
const grid: { label: string; weight: number; network: Partial<NetworkParams> }[] = [];
for (const weight of [0.05, 0.1, 0.15, 0.2, 0.3]) {
  for (const alpha of [0.5, 0.2]) {
    for (const shrinkage of [2, 0.5]) {
      for (const [friendWeight, paidWeight] of [[1, 2], [1, 0.5]] as const) {
        grid.push({ label: `w=${weight} α=${alpha} κ=${shrinkage} friend=${friendWeight} paid=${paidWeight}`, weight, network: { alpha, shrinkage, friendWeight, paidWeight } });
      }
    }
  }
}

const lifts = new Map<string, number[]>();
for (const seed of seeds) {
  const pop = generatePopulation({ persons, seed, asOf });
  const dir = await mkdtemp(join(tmpdir(), 'tiescore-tuning-'));
  const store = new MemoryStore();
  try {
    await writePopulationFiles(pop, dir);
    const kinds = ['persons', 'friendships', 'transactions', 'events'] as const;
    await importFiles(store, Object.fromEntries(kinds.map((kind) => [kind, join(dir, FILES[kind].name)])));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const first = await takeSnapshot(store, base, asOf);
  const b = first.own;
  const bad = pop.defaulted; // store seq = generator seq (persons imported in order)
  const ownAuc = auc(b, bad);
  const oracle = auc(Float64Array.from(b, (v, i) => v - 0.2 * pop.networkRisk[i]!), bad);
  console.log(`seed ${seed}: own AUC ${ownAuc.toFixed(4)}; own + true contagion term ${oracle.toFixed(4)}`);
  for (const cell of grid) {
    const model: Model = { ...base, network: { ...base.network, ...cell.network } };
    const snapshot = await takeSnapshot(store, model, asOf);
    const { network } = propagateNetwork(snapshot.csr, snapshot.own, model.network, { mu: snapshot.mu });
    const final = Float64Array.from(b, (v, i) => (1 - cell.weight) * v + cell.weight * network[i]!);
    const lift = auc(final, bad) - ownAuc;
    lifts.set(cell.label, [...(lifts.get(cell.label) ?? []), lift]);
    console.log(`  ${cell.label.padEnd(48)} AUC ${auc(final, bad).toFixed(4)}  lift ${lift >= 0 ? '+' : ''}${lift.toFixed(4)}`);
  }
}
console.log('\nmean lift over seeds, best first:');
for (const [label, values] of [...lifts].sort((x, y) => mean(y[1]) - mean(x[1]))) {
  console.log(`  ${label.padEnd(48)} ${mean(values) >= 0 ? '+' : ''}${mean(values).toFixed(4)}  (${values.map((v) => v.toFixed(4)).join(', ')})`);
}
function mean(values: number[]): number {
  return values.reduce((x, y) => x + y, 0) / values.length;
}
