/**
 * Does the network dimension predict real outcomes? A real signed trust network (default:
 * `../shared/data/bitcoin-alpha/`, SNAP's Bitcoin Alpha; S. Kumar et al., ICDM 2016 and WSDM
 * 2018) is mapped into tiescore's import files as of the protocol's cut date
 * (bench/lib/signed-network.ts) and run through the real pipeline on a Neo4j this benchmark
 * starts itself (own port, own data folder): `db migrate`, `import … --outcomes`, a `worker`,
 * `recompute --wait --as-of CUT`, `evaluate --json`, then `model fit` on the same outcomes
 * with a random 30% holdout. Prints the AUC of the score with and without the network
 * dimension and of the network dimension alone, over all evaluated persons and thin files,
 * with 95% paired bootstrap intervals, beside the protocol's plain baselines (recomputed here,
 * so a wrong reading of the protocol shows), and the one-hop rule applied to the contacts' own
 * history dimension (what the kernel spreads): the network dimension alone against that column
 * is the kernel's share of a gap to the one-hop baseline, that column against the baseline the
 * signal's. The fit runs once more in this process (it is deterministic) so that the fitted
 * network dimension alone can be set against the one-hop baseline on the fit's holdout persons.
 * Prints a markdown block, then one JSON line.
 *
 *   npx tsx bench/real-network.ts [--data FILE] [--cut 0.7] [--replicates 1000] [--network-cap 60]
 *                                 [--fallback-attributes] [--no-fit]
 *
 * `--fallback-attributes` gives every person the same invented attributes instead of leaving them
 * unknown (FALLBACK_ATTRIBUTES: identity verified, so contacts are trusted in full) — for
 * comparing with code that cannot import unknown values; `--no-fit` skips `model fit`.
 * The protocol's cut (0.7) is the reported one; tune on other cuts (e.g. --cut 0.5), never on it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config.js';
import { fitPublished } from '../src/cli/model-fit.js';
import { FIT_DEFAULTS } from '../src/fit/fit-defaults.js';
import type { ModelFit, ModelFitReport } from '../src/fit/fit-model.js';
import { loadModel } from '../src/score/index.js';
import type { EvaluationReport } from '../src/reports/evaluation.js';
import { auc } from '../src/reports/metrics/auc.js';
import { aucDifference } from '../src/reports/metrics/bootstrap.js';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import { runCli, startCli } from '../test/support/cli-process.js';
import { startDedicatedNeo4j } from '../test/support/dedicated-neo4j.js';
import { deleteTestKeys } from '../test/support/queue-cleanup.js';
import { until } from '../test/support/until.js';
import { signedBaselines } from './lib/signed-baselines.js';
import { mapToImportFiles, readRatings, splitAtCut } from './lib/signed-network.js';
import { machine, stringArg } from './lib/report.js';

const dataFile = resolve(stringArg('data') ?? '../shared/data/bitcoin-alpha/soc-sign-bitcoinalpha.csv');
const cutShare = Number(stringArg('cut') ?? 0.7);
const replicates = Number(stringArg('replicates') ?? 1000);
const networkCap = stringArg('network-cap') ?? '60';
const unknownAttributes = !process.argv.includes('--fallback-attributes');
const withFit = !process.argv.includes('--no-fit');
if (!(cutShare > 0 && cutShare < 1)) throw new Error('--cut must be a share between 0 and 1');

const f = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const interval = (d: { difference: number | null; lower: number | null; upper: number | null } | null) =>
  d ? `${d.difference! >= 0 ? '+' : ''}${f(d.difference)} [${f(d.lower)}, ${f(d.upper)}]` : '–';

const split = splitAtCut(readRatings(dataFile), cutShare);
const files = mapToImportFiles(split, { unknownAttributes });
const dir = await mkdtemp(join(tmpdir(), 'tiescore-real-network-'));
for (const [kind, text] of Object.entries(files)) await writeFile(join(dir, `${kind}.csv`), text);

const neo4j = await startDedicatedNeo4j();
const queuePrefix = `tiescore-real-network-${process.pid}`;
const env = { NEO4J_URI: neo4j.uri, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn' };
const worker = startCli(['worker', '--no-schedule'], env);
try {
  await runCli(['db', 'migrate'], env);
  await runCli(['import', dir, '--outcomes', join(dir, 'outcomes.csv'), '--strict'], env);
  await until('the worker', () => (worker.stderr().includes('worker ready') ? true : undefined), 120_000);
  await runCli(['recompute', '--wait', '--as-of', split.asOf], env);
  const evaluation = JSON.parse((await runCli(['evaluate', '--json', '--replicates', String(replicates)], env)).stdout) as EvaluationReport;
  const fitted = join(dir, 'fitted.json');
  const fit = withFit ? (JSON.parse((await runCli(['model', 'fit', '--out', fitted, '--network-cap', networkCap, '--json'], env)).stdout) as ModelFitReport) : undefined;

  // The network dimension alone and the baselines, on the evaluated persons of the published run.
  const store = await Neo4jStore.open({ ...loadConfig(), NEO4J_URI: neo4j.uri });
  const run = (await store.publishedRun())!;
  const rows = new Map((await store.reportRowsIn(run)).map((row) => [row.personId, row]));
  // The same fit in this process (it is deterministic), for its holdout persons and their network values.
  const refit = withFit ? await fitPublished(store, await loadModel(), { holdout: { share: FIT_DEFAULTS.holdoutShare }, networkCapPoints: Number(networkCap), version: 'refit' }) : undefined;
  await store.close();
  const baselines = signedBaselines(split.past);
  // The one-hop rule over the contacts' scorecard history dimension: what the kernel is given.
  const historyDimension = new Map([...rows].map(([id, row]) => [id, row.dimensions.history]));
  const oneHopOfHistoryDimension = baselines.neighbourMean(historyDimension, 0);
  const segments = {
    all: [...split.outcomes.keys()],
    thin: [...split.outcomes.keys()].filter((id) => split.thin.has(id)),
  };
  const signals = {
    network: (id: string) => rows.get(id)!.dimensions.network,
    ownHistory: (id: string) => baselines.ownHistory.get(id)!,
    oneHop: (id: string) => baselines.oneHop.get(id)!,
    oneHopOfHistoryDimension: (id: string) => oneHopOfHistoryDimension.get(id)!,
    propagated: (id: string) => baselines.propagated.get(id)!,
    ownPlusPropagated: (id: string) => baselines.ownPlusPropagated.get(id)!,
  };
  const measured = Object.fromEntries(
    Object.entries(segments).map(([name, ids]) => {
      const bad = ids.map((id) => split.outcomes.get(id)!);
      const of = (f: (id: string) => number) => ids.map(f);
      const vsOneHop = aucDifference(of(signals.network), of(signals.oneHop), bad, { replicates });
      return [
        name,
        {
          persons: ids.length,
          defaults: bad.reduce((a: number, b) => a + b, 0),
          auc: Object.fromEntries(Object.entries(signals).map(([signal, f]) => [signal, auc(of(f), bad)])),
          networkMinusOneHop: { difference: vsOneHop.difference, lower: vsOneHop.lower, upper: vsOneHop.upper },
        },
      ];
    }),
  ) as Record<keyof typeof segments, { persons: number; defaults: number; auc: Record<keyof typeof signals, number>; networkMinusOneHop: { difference: number; lower: number; upper: number } }>;

  // The fitted network dimension alone against the one-hop baseline on the fit's holdout persons.
  const fittedVsOneHop = refit ? holdoutAgainstOneHop(refit, (id) => baselines.oneHop.get(id)!) : undefined;
  if (refit && fit && refit.report.holdoutFit.all.auc.networkAlone !== fit.holdoutFit.all.auc.networkAlone) throw new Error('the in-process fit differs from the CLI\'s');

  const evaluated = { all: evaluation.segments.all, thin: evaluation.segments.thinFile };
  const m = machine();
  console.log(
    [
      `### Real network: ${dataFile.split('/').slice(-2).join('/')}, cut ${cutShare} (as of ${split.asOf}), model ${evaluation.modelVersion}`,
      '',
      `${m.date}; \`npx tsx bench/real-network.ts ${process.argv.slice(2).join(' ')}\`. ${split.past.length} past ratings, ` +
        `${rows.size} persons scored; evaluated ${segments.all.length} (${measured.all.defaults} with a negative rating later), ` +
        `thin file ${segments.thin.length} (${measured.thin.defaults}). Person attributes ${unknownAttributes ? 'left unknown' : 'set to the same fallback values for everybody'}. ` +
        `Intervals: ${replicates} paired bootstrap replicates, 95%.`,
      '',
      '| segment | score with network | without | difference [95%] | network alone | one-hop baseline | network − one-hop [95%] | own-history baseline | propagated baseline | one-hop of contacts\' history dimension |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...(['all', 'thin'] as const).map(
        (s) =>
          `| ${s} (${measured[s].persons}) | ${f(evaluated[s].full.auc)} | ${f(evaluated[s].withoutNetwork.auc)} | ${interval(evaluated[s].aucDifference)} | ` +
          `${f(measured[s].auc.network)} | ${f(measured[s].auc.oneHop)} | ${interval(measured[s].networkMinusOneHop)} | ${f(measured[s].auc.ownHistory)} | ${f(measured[s].auc.propagated)} | ${f(measured[s].auc.oneHopOfHistoryDimension)} |`,
      ),
      ...(fit ? fitLines(fit, fittedVsOneHop!) : []),
    ].join('\n'),
  );
  const aucs = (s: (typeof evaluated)['all']) => ({ withNetwork: s.full.auc, withoutNetwork: s.withoutNetwork.auc, difference: s.aucDifference });
  console.log(
    JSON.stringify({
      bench: 'real-network',
      machine: m,
      cut: cutShare,
      asOf: split.asOf,
      evaluation: { all: aucs(evaluated.all), thin: aucs(evaluated.thin) },
      measured,
      fit: fit ? { weights: fit.weights, network: fit.network, holdout: fit.holdoutFit, train: fit.train, holdoutNetworkAloneVsOneHop: fittedVsOneHop } : null,
    }),
  );
} finally {
  await worker.kill('SIGTERM');
  await deleteTestKeys({ ...loadConfig(), QUEUE_PREFIX: queuePrefix });
  await neo4j.close();
  await rm(dir, { recursive: true, force: true });
}

type VersusOneHop = Record<'all' | 'thin', { persons: number; network: number; oneHop: number; difference: number; lower: number; upper: number }>;

function holdoutAgainstOneHop(refit: ModelFit, oneHop: (id: string) => number): VersusOneHop {
  const network = new Map(refit.rows.map((row) => [row.personId, row.dimensions.network]));
  const held = refit.heldOut.filter((id) => split.outcomes.has(id));
  const segment = (ids: string[]) => {
    const bad = ids.map((id) => split.outcomes.get(id)!);
    const ours = ids.map((id) => network.get(id)!);
    const theirs = ids.map(oneHop);
    const d = aucDifference(ours, theirs, bad, { replicates });
    return { persons: ids.length, network: auc(ours, bad), oneHop: auc(theirs, bad), difference: d.difference!, lower: d.lower!, upper: d.upper! };
  };
  return { all: segment(held), thin: segment(held.filter((id) => split.thin.has(id))) };
}

function fitLines(fit: ModelFitReport, vsOneHop: VersusOneHop): string[] {
  return [
    '',
    `\`tiescore model fit\` (cap ${fit.networkCapPoints} points, ${fit.holdout}): weights history ${fit.weights.history}, behaviour ${fit.weights.behaviour}, ` +
      `capacity ${fit.weights.capacity}, identity ${fit.weights.identity}, network ${fit.weights.network}; α ${fit.network.alpha}, κ ${fit.network.shrinkage}, ` +
      `band ${fit.network.bandHalfWidth === null ? 'none' : `μ ± ${fit.network.bandHalfWidth}`}.`,
    '',
    '| holdout segment | with network | without | difference [95%] | network alone | one-hop baseline, same persons | network − one-hop [95%] |',
    '|---|---|---|---|---|---|---|',
    ...(['all', 'thin'] as const).map((s) => {
      const seg = fit.holdoutFit[s];
      const v = vsOneHop[s];
      return `| ${s} (${seg.persons}, ${seg.defaults} bad) | ${f(seg.auc.withNetwork)} | ${f(seg.auc.withoutNetwork)} | ${interval(seg.difference)} | ${f(seg.auc.networkAlone)} | ${f(v.oneHop)} | ${interval(v)} |`;
    }),
  ];
}
