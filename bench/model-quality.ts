/**
 * Model quality: does the network dimension earn its place? Scores a synthetic population end
 * to end (the embedded pipeline of `tiescore demo`: generate → import, outcomes included →
 * recompute inline) and backtests the published run against the population's next-year
 * defaults with the evaluation report (src/reports/evaluation.ts): AUC with and without the
 * network dimension, overall and for thin-file persons, and the paired bootstrap interval of
 * the difference. Also times the reports as the API computes them (one store read, then the
 * evaluation and the fairness report).
 *
 *   npx tsx bench/model-quality.ts [--persons 100000] [--seed 1] [--model FILE] [--replicates 500]
 *
 * Seed 1 is the evaluation seed: report on it, never tune on it (bench/network-tuning.ts
 * refuses it). Prints a markdown block, then one JSON line.
 */
import { runDemo } from '../src/demo/run-demo.js';
import { evaluateRun, type SegmentEvaluation } from '../src/reports/evaluation.js';
import { fairnessReport } from '../src/reports/fairness.js';
import { loadModel } from '../src/score/index.js';
import { machine, numberArg, stringArg } from './lib/report.js';

const persons = numberArg('persons', 100_000);
const seed = numberArg('seed', 1);
const replicates = numberArg('replicates', 500);
const asOf = stringArg('as-of') ?? '2026-06-30';
const model = await loadModel(stringArg('model'));

const t0 = performance.now();
const { store, recompute } = await runDemo({ persons, seed, asOf, model });
const pipelineSeconds = (performance.now() - t0) / 1000;

// What contacts move: 600·w_network·(n − μ), the points removing every contact would change.
const { network } = recompute;
const contactPoints = Float64Array.from(network.network, (n) => Math.abs(600 * model.weights.network * (n - network.mu))).sort();
const quantile = (q: number) => contactPoints[Math.min(contactPoints.length - 1, Math.floor(q * contactPoints.length))]!;
const moved = { p50: quantile(0.5), p90: quantile(0.9), p99: quantile(0.99), max: contactPoints[contactPoints.length - 1]! };

const t1 = performance.now();
const rows = await store.reportRowsIn(recompute.run);
const t2 = performance.now();
const evaluation = evaluateRun({ run: recompute.run, rows, model }, { replicates });
const t3 = performance.now();
const fairness = fairnessReport({ run: recompute.run, rows, model });
const t4 = performance.now();

const f = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const line = (name: string, s: SegmentEvaluation) => {
  const d = s.aucDifference;
  return (
    `| ${name} | ${s.persons.toLocaleString('en')} | ${(100 * (s.defaultRate ?? NaN)).toFixed(1)}% | ${f(s.full.auc)} | ${f(s.withoutNetwork.auc)} | ` +
    `${d ? `${f(d.difference)} [${f(d.lower)}, ${f(d.upper)}]` : '–'} | ${f(s.full.ks, 3)} / ${f(s.withoutNetwork.ks, 3)} |`
  );
};
const m = machine();
const flagged = fairness.flags.map((x) => `${x.attribute} ${x.group} (${x.variant}: ${x.adverseImpactRatio})`).join(', ') || 'none';
console.log(
  [
    `### Model quality: ${model.version}, ${persons.toLocaleString('en')} synthetic persons, seed ${seed}, as of ${asOf}`,
    '',
    `${m.date}, ${m.cpus} cores (${m.cpu}), Node ${m.node}; \`npx tsx bench/model-quality.ts --persons ${persons} --seed ${seed}${stringArg('model') ? ` --model ${stringArg('model')}` : ''}\``,
    '',
    `Network weight ${model.weights.network}, α ${model.network.alpha}, κ ${model.network.shrinkage}. Outcome: default in the year after the as-of date. ` +
      `"without network": 350 + 600·Σ_{k≠network} w_k·d_k / Σ_{k≠network} w_k. Interval: ${(evaluation.bootstrap.confidence * 100).toFixed(0)}% paired bootstrap, ${replicates} replicates.`,
    '',
    '| persons | n | default rate | AUC | AUC without network | difference [95% CI] | KS (with / without) |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    line('all', evaluation.segments.all),
    line(`thin file (≤ ${evaluation.thinFile.maxCreditEvents} credit event)`, evaluation.segments.thinFile),
    '',
    `Default rate by band (with network): ${evaluation.segments.all.full.bands.map((b) => `${b.band} ${(100 * (b.defaultRate ?? NaN)).toFixed(1)}% of ${b.persons}`).join(', ')}.`,
    `Points contacts move (|600·w_network·(n − μ)|, what removing every contact would change): median ${moved.p50.toFixed(1)}, p90 ${moved.p90.toFixed(1)}, p99 ${moved.p99.toFixed(1)}, largest ${moved.max.toFixed(1)}.`,
    `Fairness at cut-off ${fairness.cutoff}: adverse impact ratios under ${fairness.threshold}: ${flagged}.`,
    `Report timings: store read ${(t2 - t1).toFixed(0)} ms, evaluation ${(t3 - t2).toFixed(0)} ms (bootstrap included), fairness ${(t4 - t3).toFixed(0)} ms; pipeline ${pipelineSeconds.toFixed(0)} s.`,
  ].join('\n'),
);
console.log(
  JSON.stringify({
    model: model.version,
    persons,
    seed,
    asOf,
    machine: m,
    all: summary(evaluation.segments.all),
    thinFile: summary(evaluation.segments.thinFile),
    fairnessFlags: fairness.flags,
    contactPoints: moved,
    timingsMs: { read: Math.round(t2 - t1), evaluation: Math.round(t3 - t2), fairness: Math.round(t4 - t3) },
  }),
);

function summary(s: SegmentEvaluation) {
  return { persons: s.persons, defaults: s.defaults, auc: s.full.auc, aucWithoutNetwork: s.withoutNetwork.auc, difference: s.aucDifference, ks: s.full.ks, ksWithoutNetwork: s.withoutNetwork.ks };
}
