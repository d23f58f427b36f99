/**
 * Calibration check of a scorecard model on the synthetic population: how the scores spread
 * over the bands, whether the default rate falls from band to band, and how well the own score
 * and the final score rank next-year defaults (AUC).
 *
 *   npx tsx bench/calibration.ts --persons 20000 --seed 7 [--model models/default.json] [--as-of 2026-06-30]
 *
 * The population goes through the same path as `tiescore demo`: src/synth writes the CSV
 * files, the ordinary importer loads them into the in-memory store, and the inline recompute
 * (SNAPSHOT → PROPAGATE → SCORE) scores everybody, network dimension included. The outcome
 * is `defaulted` of the population (outcomes.csv): whether the person defaults in the year
 * after the scoring date — which no score input sees.
 *
 * AUC = P(a person who does not default scores higher than one who does), ties counted half;
 * 0.5 is chance. "own" is b, the four own dimensions (350 + 600·b on the score scale); "final"
 * adds the network dimension. The AUC of the generator's hidden risks (the own latent risk o
 * that the features read, and the full risk r behind the outcome) is printed as a ceiling.
 *
 * Per feature it also prints the mean points of the population (`typical`, the reference of
 * reason codes) and the missing points the calibration rule suggests: that mean rounded down to a
 * whole point, never the best bin's points.
 *
 * Seed 1 is kept for evaluation: calibrate on other seeds (7, 11) and check on seed 1 once the
 * bins are frozen. The last line of output is one JSON object.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/import/importer.js';
import { recomputeInline } from '../src/jobs/recompute/inline-runner.js';
import type { PersonScore } from '../src/domain/scores.js';
import {
  BANDS,
  DIMENSIONS,
  loadModel,
  MEASURES,
  ownScore,
  PERSONAL_DIMENSIONS,
  scoreOwnDimensions,
  type BandId,
  type Bin,
  type FeatureScore,
  type PersonalDimension,
} from '../src/score/index.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { personIds } from '../src/synth/ids.js';
import { generatePopulation } from '../src/synth/population.js';
import { FILES, writePopulationFiles } from '../src/synth/write-files.js';
import { stringArg } from './lib/report.js';

function integerOption(name: string, fallback: number, min: number): number {
  const text = stringArg(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    console.error(`bench/calibration: --${name} needs an integer of at least ${min}, got ${text}`);
    process.exit(2);
  }
  return value;
}

const persons = integerOption('persons', 20_000, 2);
const seed = integerOption('seed', 7, Number.MIN_SAFE_INTEGER);
const asOf = stringArg('as-of') ?? '2026-06-30';
const modelPath = stringArg('model');

/** AUC of `score` against `bad` (1 = defaulted): P(score of a good > score of a bad), ties ½. */
function auc(score: ArrayLike<number>, bad: ArrayLike<number>): number {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let goodRankSum = 0;
  let goods = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && score[order[end + 1]!] === score[order[start]!]) end++;
    const rank = (start + end) / 2 + 1; // average 1-based rank of the tie group
    for (let k = start; k <= end; k++) {
      if (!bad[order[k]!]) {
        goodRankSum += rank;
        goods++;
      }
    }
    start = end + 1;
  }
  const bads = n - goods;
  if (goods === 0 || bads === 0) return NaN;
  return (goodRankSum - (goods * (goods + 1)) / 2) / (goods * bads);
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const r4 = (x: number): number => Math.round(x * 10000) / 10000;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Index of the bin a value falls in (first bin whose upTo reaches it, else the last). */
function binIndex(bins: readonly Bin[], value: number): number {
  const i = bins.findIndex((bin) => bin.upTo === undefined || value <= bin.upTo);
  return i < 0 ? bins.length - 1 : i;
}

function binLabel(bins: readonly Bin[], i: number): string {
  const lo = i === 0 ? undefined : bins[i - 1]!.upTo;
  const hi = bins[i]!.upTo;
  if (lo === undefined) return `≤ ${hi}`;
  if (hi === undefined) return `> ${lo}`;
  return `(${lo}, ${hi}]`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const model = await loadModel(modelPath);
  const pop = generatePopulation({ persons, seed, asOf });

  const dir = await mkdtemp(join(tmpdir(), 'tiescore-calibration-'));
  const store = new MemoryStore();
  let scores: PersonScore[];
  /** Every person's scored features (the measured values), by position in `scores`. */
  const featuresOf: Record<PersonalDimension, FeatureScore[]>[] = [];
  try {
    await writePopulationFiles(pop, dir);
    const kinds = ['persons', 'friendships', 'transactions', 'events'] as const;
    const files = Object.fromEntries(kinds.map((kind) => [kind, join(dir, FILES[kind].name)]));
    const imported = await importFiles(store, files);
    if (imported.rejected > 0) throw new Error(`bench/calibration: ${imported.rejected} rows of the synthetic files were rejected`);
    const { run } = await recomputeInline(store, model, { asOf, publish: false });
    const bound = await store.seqBound();
    scores = await store.scoresInSeqRange(run, 0, bound);
    const people = new Map((await store.personsInSeqRange(0, bound)).map((p) => [p.seq, p]));
    const events = await store.eventsInSeqRange(0, bound);
    for (const s of scores) {
      const own = scoreOwnDimensions({ person: people.get(s.seq)!, events: events.get(s.seq) ?? [], asOf, model });
      featuresOf.push({
        history: own.history.features,
        behaviour: own.behaviour.features,
        capacity: own.capacity.features,
        identity: own.identity.features,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (scores.length !== persons) throw new Error(`bench/calibration: scored ${scores.length} of ${persons} persons`);

  // Align every score with the population's outcome by person id.
  const seqOf = new Map(personIds(persons).map((id, seq) => [id, seq]));
  const bad = new Uint8Array(persons);
  const final = new Float64Array(persons);
  const own = new Float64Array(persons);
  const ownRisk = new Float64Array(persons);
  const risk = new Float64Array(persons);
  const bandOfPerson: BandId[] = new Array<BandId>(persons);
  scores.forEach((s, i) => {
    const seq = seqOf.get(s.personId);
    if (seq === undefined) throw new Error(`bench/calibration: unknown person ${s.personId}`);
    bad[i] = pop.defaulted[seq]!;
    // The unrounded score (fewer ties for the AUC) and b, from the stored dimensions.
    final[i] = 350 + 600 * DIMENSIONS.reduce((sum, d) => sum + model.weights[d] * s.dimensions[d], 0);
    own[i] = ownScore(s.dimensions, model);
    ownRisk[i] = -pop.ownRisk[seq]!; // higher = safer, like a score
    risk[i] = -pop.risk[seq]!;
    bandOfPerson[i] = s.band as BandId;
  });
  const defaults = bad.reduce((x, y) => x + y, 0);

  // Bands: share and default rate; the rate should fall from poor to excellent.
  const bands = BANDS.map((band) => {
    let count = 0;
    let bads = 0;
    for (let i = 0; i < persons; i++) {
      if (bandOfPerson[i] === band.id) {
        count++;
        bads += bad[i]!;
      }
    }
    return { band: band.id, range: `${band.min}–${band.max}`, count, share: count / persons, defaultRate: count > 0 ? bads / count : NaN };
  });
  const populated = bands.filter((b) => b.count > 0);
  const monotone = populated.every((b, i) => i === 0 || b.defaultRate < populated[i - 1]!.defaultRate);

  const sortedFinal = scores.map((s) => s.score).sort((a, b) => a - b);
  const sortedOwn = Array.from(own, (b) => 350 + 600 * b).sort((a, b) => a - b);
  const qs = [0.1, 0.25, 0.5, 0.75, 0.9] as const;
  const percentiles = (sorted: number[]) => Object.fromEntries(qs.map((q) => [`p${Math.round(q * 100)}`, Math.round(quantile(sorted, q))]));
  const dimensionMedians = Object.fromEntries(
    [...PERSONAL_DIMENSIONS, 'network' as const].map((d) => {
      const sorted = scores.map((s) => s.dimensions[d]).sort((a, b) => a - b);
      return [d, r3(quantile(sorted, 0.5))];
    }),
  );
  const aucs = { final: r4(auc(final, bad)), own: r4(auc(own, bad)) };
  const ceiling = { ownLatentRisk: r4(auc(ownRisk, bad)), hiddenRisk: r4(auc(risk, bad)) };

  // Per feature and bin: who lands there and how often they default.
  const features = PERSONAL_DIMENSIONS.flatMap((dimension) =>
    model.features[dimension].map((feature, f) => {
      const count = new Array<number>(feature.bins.length).fill(0);
      const bads = new Array<number>(feature.bins.length).fill(0);
      let pointSum = 0;
      let known = 0;
      featuresOf.forEach((scored, i) => {
        const value = scored[dimension][f]!.value;
        if (value === undefined) return; // unknown: earns the missing bin, not a bin's points
        const k = binIndex(feature.bins, value);
        count[k]!++;
        bads[k]! += bad[i]!;
        pointSum += feature.bins[k]!.points;
        known++;
      });
      // The reference of reason codes (the mean points of persons whose value is known) and
      // the missing points this rule suggests: that mean rounded down to a whole point — an
      // unknown value earns what a typical person earns, never more, so it is never worth hiding
      // a value, and never the best bin's points.
      const typical = known > 0 ? pointSum / known : 0;
      const best = Math.max(...feature.bins.map((bin) => bin.points));
      const floor = Math.floor(typical);
      const suggestedMissing = floor < best || best === 0 ? floor : Math.max(...feature.bins.map((bin) => bin.points).filter((points) => points < best));
      return {
        code: feature.code,
        better: MEASURES[feature.measure].better,
        typical: Math.round(typical * 10) / 10,
        missing: feature.missing?.points ?? null,
        suggestedMissing,
        bins: feature.bins.map((bin, k) => ({
          bin: binLabel(feature.bins, k),
          points: bin.points,
          share: count[k]! / persons,
          defaultRate: count[k]! > 0 ? bads[k]! / count[k]! : NaN,
        })),
      };
    }),
  );

  console.log(`model ${model.version} on the synthetic population: ${persons} persons, seed ${seed}, as of ${asOf}`);
  console.log(`defaults in the next year: ${defaults} (${pct(defaults / persons)})\n`);
  console.log('band        range     persons   share  default rate');
  for (const b of bands) {
    console.log(
      `${b.band.padEnd(10)}  ${b.range.padEnd(8)} ${String(b.count).padStart(8)}  ${pct(b.share).padStart(6)}  ${b.count > 0 ? pct(b.defaultRate).padStart(12) : '           –'}`,
    );
  }
  console.log(`default rate falls monotonically from band to band: ${monotone ? 'yes' : 'NO'}\n`);
  console.log(`final score percentiles  ${JSON.stringify(percentiles(sortedFinal))}`);
  console.log(`own score percentiles    ${JSON.stringify(percentiles(sortedOwn))}  (350 + 600·b)`);
  console.log(`dimension medians        ${JSON.stringify(dimensionMedians)}`);
  console.log(`AUC against defaulted    final ${aucs.final}, own ${aucs.own}  (ceiling: own latent risk ${ceiling.ownLatentRisk}, hidden risk ${ceiling.hiddenRisk})\n`);
  for (const feature of features) {
    console.log(`${feature.code} (${feature.better} is better)  typical ${feature.typical} pts, missing ${feature.missing ?? '–'} (rule: ${feature.suggestedMissing})`);
    for (const b of feature.bins) {
      console.log(
        `  ${b.bin.padEnd(14)} ${String(b.points).padStart(4)} pts  ${pct(b.share).padStart(6)} of persons  default rate ${b.share > 0 ? pct(b.defaultRate) : '–'}`,
      );
    }
  }
  console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    JSON.stringify({
      model: model.version,
      persons,
      seed,
      asOf,
      defaultRate: r4(defaults / persons),
      bands: Object.fromEntries(bands.map((b) => [b.band, { share: r4(b.share), defaultRate: r4(b.defaultRate) }])),
      monotone,
      percentiles: percentiles(sortedFinal),
      ownPercentiles: percentiles(sortedOwn),
      dimensionMedians,
      auc: aucs,
      aucCeiling: ceiling,
      features: Object.fromEntries(features.map((f) => [f.code, { typical: f.typical, missing: f.missing, suggestedMissing: f.suggestedMissing }])),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
