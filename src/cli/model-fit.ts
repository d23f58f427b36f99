/**
 * `tiescore model fit`: fits the five dimension weights and the network's α, κ and band on observed
 * outcomes (src/fit/fit-model.ts), writes the fitted model as a new model file and prints the
 * fit report — AUC and KS on the persons it was fitted on and on a holdout, with and without the
 * network dimension, overall and on thin files, and the adverse-impact ratios under the new model.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadConfig } from '../config.js';
import { readFitData } from '../fit/fit-data.js';
import { FIT_DEFAULTS } from '../fit/fit-defaults.js';
import { FitError } from '../fit/fit-error.js';
import { fitModel, type Holdout, type ModelFit, type ModelFitReport, type SegmentFit } from '../fit/fit-model.js';
import { readOutcomesFile } from '../reports/outcomes-file.js';
import { parseModel, type Model } from '../score/index.js';
import type { Store } from '../store/store.js';
import { CliError } from './cli-error.js';
import { loadCliModel } from './load-cli-model.js';
import { withCliStore } from './open-store.js';
import { asCliError } from './commands/evaluate.js';
import { num } from './report-text.js';

export interface FitOptions {
  outcomes?: string;
  holdout?: number;
  holdoutFrom?: string;
  networkCap: number;
  bandWidths?: (number | null)[];
  model?: string;
  out: string;
  name?: string;
  force?: boolean;
  json?: boolean;
}

const VERSION = /^[A-Za-z0-9._-]+$/;

/** The command's action: fit, write the model and its card, print the report. */
export async function runModelFit(options: FitOptions): Promise<void> {
  if (options.holdout !== undefined && options.holdoutFrom !== undefined) throw new CliError('give --holdout or --holdout-from, not both');
  if (!options.force && existsSync(options.out)) throw new CliError(`${options.out} exists; give --force to replace it`);
  const version = options.name ?? basename(options.out).replace(/\.json$/i, '');
  if (!VERSION.test(version)) throw new CliError(`the model version "${version}" may hold only letters, digits, ".", "-" and "_": give --name VERSION`);
  const config = loadConfig();
  const base = await loadCliModel(config, options.model);
  const outcomes = options.outcomes === undefined ? undefined : await readOutcomesFile(options.outcomes).catch(asCliError);
  const holdout: Holdout = options.holdoutFrom ? { accountsFrom: options.holdoutFrom } : { share: options.holdout ?? FIT_DEFAULTS.holdoutShare };
  const fitted = await withCliStore(config, (store) => fitPublished(store, base, { outcomes, holdout, networkCapPoints: options.networkCap, version, ...(options.bandWidths ? { bandHalfWidths: options.bandWidths } : {}) }));
  const cardFile = options.out.replace(/(\.json)?$/i, '.md');
  await writeFile(options.out, `${JSON.stringify(fittedModelFile(fitted, basename(cardFile)), null, 2)}\n`);
  await writeFile(cardFile, fitCard(fitted.report));
  console.log(options.json ? JSON.stringify(fitted.report) : `${describeModelFit(fitted.report)}\nwrote ${options.out} and its card ${cardFile}`);
}

/** The fit on the store's published run (the command without its file I/O). */
export async function fitPublished(
  store: Store,
  base: Model,
  options: { outcomes?: ReadonlyMap<string, boolean> | undefined; holdout: Holdout; networkCapPoints: number; version: string; bandHalfWidths?: readonly (number | null)[] },
): Promise<ModelFit> {
  try {
    return fitModel(await readFitData(store, base, options.outcomes), base, options);
  } catch (error) {
    if (error instanceof FitError) throw new CliError(error.message.slice('fit: '.length));
    return asCliError(error);
  }
}

/**
 * The fitted model as its file holds it, checked by the same parser every model goes through;
 * `card` names the fit's own card (the base model's card describes another model).
 */
export function fittedModelFile(fitted: ModelFit, card?: string): Model {
  const { model, report } = fitted;
  const notes =
    `Fitted by \`tiescore model fit\` from ${report.base} on run ${report.run.id} (as of ${report.run.asOf}): ` +
    `${report.persons.train} persons fitted on, ${report.persons.holdout} held out (${report.holdout}). ` +
    `Holdout AUC ${num(report.holdoutFit.all.auc.withNetwork)} with the network dimension, ${num(report.holdoutFit.all.auc.withoutNetwork)} without. ` +
    `The network dimension can move a score by at most ${report.networkReachPoints.toFixed(1)} points (cap ${report.networkCapPoints}).`;
  const { card: _baseCard, ...rest } = model;
  return parseModel({ ...rest, notes, ...(card ? { card } : {}) });
}

/** The fitted model's card: what it was fitted on and how it ranks, in the fit report's words. */
export function fitCard(report: ModelFitReport): string {
  return [
    `# Model card: ${report.version}`,
    '',
    `Fitted by \`tiescore model fit\` from the model ${report.base} on the outcomes of run ${report.run.id} (as of ${report.run.asOf}).`,
    'The bins, reasons, actionability (recourse), trust settings and retention are the base model\'s; see its card for intended use, limits and what the',
    'dimensions measure. Only the five weights and the network\'s α, κ and band were fitted, with every weight ≥ 0 (a better',
    `dimension never lowers a score) and the network dimension able to move a score by at most ${report.networkReachPoints.toFixed(1)} points.`,
    '',
    '## Fit report',
    '',
    '```',
    describeModelFit(report),
    '```',
    '',
    'AUC differences carry 95% paired bootstrap intervals. The holdout was not used to choose anything.',
    '',
  ].join('\n');
}

function segmentLines(name: string, s: SegmentFit): string[] {
  const d = s.difference;
  return [
    `  ${name.padEnd(14)} ${String(s.persons).padStart(7)} ${String(s.defaults).padStart(7)}   ${num(s.auc.withNetwork)}  ${num(s.auc.withoutNetwork)}  ${num(s.auc.networkAlone)}   ${num(s.ks.withNetwork, 3)} / ${num(s.ks.withoutNetwork, 3)}   ${d ? `${num(d.difference)} [${num(d.lower)}, ${num(d.upper)}]` : '–'}`,
  ];
}

function bandText(halfWidth: number | null): string {
  return halfWidth === null ? 'no band' : `band μ ± ${halfWidth}`;
}

/** The fit report as text. */
export function describeModelFit(report: ModelFitReport): string {
  const w = report.weights;
  const v = report.weightsWithoutNetwork;
  const weights = (x: typeof w) => `history ${x.history.toFixed(3)}, behaviour ${x.behaviour.toFixed(3)}, capacity ${x.capacity.toFixed(3)}, identity ${x.identity.toFixed(3)}, network ${x.network.toFixed(3)}`;
  return [
    `model ${report.version}, fitted from ${report.base} on run ${report.run.id} (as of ${report.run.asOf})`,
    `persons: ${report.persons.train} fitted on, ${report.persons.holdout} held out (${report.holdout})`,
    `weights: ${weights(w)}`,
    `network: α ${report.network.alpha}, κ ${report.network.shrinkage}, ${bandText(report.network.bandHalfWidth)}; it can move a score by at most ${report.networkReachPoints.toFixed(1)} points` +
      (report.capped ? ` (held at the cap of ${report.networkCapPoints}: the outcomes would give it more)` : ` (cap ${report.networkCapPoints})`),
    `what contacts account for (points a score would change by without any contact): median ${report.contactPoints.median.toFixed(1)}, 90th percentile ${report.contactPoints.p90.toFixed(1)}, 99th ${report.contactPoints.p99.toFixed(1)}, largest ${report.contactPoints.largest.toFixed(1)}`,
    `without the network dimension (for comparison): ${weights(v)}`,
    '',
    '  segment        persons defaults   AUC with / without / network alone   KS with / without   AUC difference [95%]',
    '  training',
    ...segmentLines('all', report.train.all),
    ...segmentLines('thin file', report.train.thin),
    '  holdout',
    ...segmentLines('all', report.holdoutFit.all),
    ...segmentLines('thin file', report.holdoutFit.thin),
    '',
    'adverse impact ratio under the fitted model (with / without network; under 0.8 flagged):',
    ...report.fairness.map((f) => `  ${f.attribute} ${f.group.padEnd(8)} ${num(f.withNetwork, 3)} / ${num(f.withoutNetwork, 3)}${f.flagged ? '  flagged' : ''}`),
  ].join('\n');
}
