/**
 * What fitting buys, and what the network's reach costs: scores a synthetic population end to
 * end (the embedded pipeline of `tiescore demo`), then runs `tiescore model fit`'s fit on its
 * next-year defaults once per network cap, with a random 30% holdout. Prints, per cap, the
 * fitted weights and network parameters and the holdout AUC with and without the network
 * dimension (overall and thin file) with its paired bootstrap interval: the lift a lender gets
 * for letting contacts move a score by up to that many points.
 *
 *   npx tsx bench/model-fit.ts [--persons 100000] [--seed 1] [--caps 60,90,120,150]
 *                              [--band-widths none,0.25,…] [--each-band]
 *
 * `--band-widths` is the fit's grid of network bands (default: the fit's own); with `--each-band`
 * each listed band is fitted alone, which shows what a narrower band costs in typical points.
 *
 * Seed 1 is the evaluation seed: report on it; the fit's grid and defaults were chosen on seed 7.
 */
import { bandWidths } from '../src/cli/commands/model.js';
import { fitPublished } from '../src/cli/model-fit.js';
import { runDemo } from '../src/demo/run-demo.js';
import type { SegmentFit } from '../src/fit/fit-model.js';
import { FIT_DEFAULTS } from '../src/fit/fit-defaults.js';
import { loadModel } from '../src/score/index.js';
import { machine, numberArg, stringArg } from './lib/report.js';

const persons = numberArg('persons', 100_000);
const seed = numberArg('seed', 1);
const caps = (stringArg('caps') ?? '60,90,120,150').split(',').map(Number);
const bandWidthsOption = stringArg('band-widths');
const bandOption = bandWidthsOption === undefined ? undefined : bandWidths(bandWidthsOption);
const grids = process.argv.includes('--each-band') ? (bandOption ?? FIT_DEFAULTS.bandHalfWidths).map((w) => [w]) : [bandOption ?? FIT_DEFAULTS.bandHalfWidths];
if (caps.some((cap) => !(cap >= 0 && cap < 600))) throw new Error('--caps must be points in [0, 600), comma-separated');
const base = await loadModel(stringArg('model'));
const { store } = await runDemo({ persons, seed, asOf: '2026-06-30', model: base });

const f = (x: number | null, digits = 4) => (x === null ? '–' : x.toFixed(digits));
const cell = (s: SegmentFit) =>
  `${f(s.auc.withNetwork)} / ${f(s.auc.withoutNetwork)} | ${s.difference ? `${f(s.difference.difference)} [${f(s.difference.lower)}, ${f(s.difference.upper)}]` : '–'}`;
const points = (p: { median: number; p90: number; p99: number; largest: number }) => [p.median, p.p90, p.p99, p.largest].map((x) => x.toFixed(1)).join(' / ');
const results = [];
const m = machine();
console.log(`### Model fit on ${persons.toLocaleString('en')} synthetic persons, seed ${seed} (base ${base.version})\n`);
console.log(`${m.date}; \`npx tsx bench/model-fit.ts ${process.argv.slice(2).join(' ')}\`. Holdout: a random 30%.\n`);
console.log('| network cap (points) | fitted weights h / b / c / i / n | α, κ, band | holdout AUC with / without | lift [95%] | thin AUC with / without | thin lift [95%] | contacts\' points: median / p90 / p99 / largest |');
console.log('|---|---|---|---|---|---|---|---|');
for (const cap of caps) for (const bandHalfWidths of grids) {
  const { report } = await fitPublished(store, base, { holdout: { share: 0.3 }, networkCapPoints: cap, version: `fit-cap-${cap}`, bandHalfWidths });
  const w = report.weights;
  console.log(
    `| ${cap}${report.capped ? ' (binding)' : ''} | ${[w.history, w.behaviour, w.capacity, w.identity, w.network].map((x) => x.toFixed(3)).join(' / ')} | ` +
      `${report.network.alpha}, ${report.network.shrinkage}, ${report.network.bandHalfWidth === null ? 'none' : `μ ± ${report.network.bandHalfWidth}`} | ${cell(report.holdoutFit.all)} | ${cell(report.holdoutFit.thin)} | ${points(report.contactPoints)} |`,
  );
  const flagged = report.fairness.filter((g) => g.flagged);
  results.push({ cap, weights: w, network: report.network, capped: report.capped, contactPoints: report.contactPoints, holdout: report.holdoutFit, flagged });
}
console.log('\nAdverse impact ratios under 0.8 (fairness report at its default cut-off, with / without the network):');
for (const r of results) console.log(`- cap ${r.cap}: ${r.flagged.length === 0 ? 'none' : r.flagged.map((g) => `${g.attribute} ${g.group} ${f(g.withNetwork, 3)} / ${f(g.withoutNetwork, 3)}`).join('; ')}`);
console.log(JSON.stringify({ bench: 'model-fit', machine: m, persons, seed, base: base.version, results }));
