/**
 * `tiescore evaluate`: backtests the published run against observed outcomes — AUC, KS and
 * default rate per band with and without the network dimension, overall and for thin-file
 * persons, with a bootstrap interval of the AUC difference (src/reports/evaluation.ts).
 */
import type { Command } from 'commander';
import type { EvaluationReport } from '../../reports/evaluation.js';
import { EVALUATION_DEFAULTS } from '../../reports/report-defaults.js';
import type { Model } from '../../score/index.js';
import type { Store } from '../../store/store.js';
import { CliError } from '../cli-error.js';
import { positiveInteger } from '../parse-options.js';
import { jsonForPeople } from '../../domain/display-numbers.js';

interface EvaluateOptions {
  outcomes?: string;
  model?: string;
  replicates: number;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('evaluate')
    .description('Backtest the published run against observed outcomes, with and without the network dimension')
    .option('--outcomes <file>', 'outcomes file person_id,defaulted (CSV or .ndjson); default: the outcomes stored by `tiescore import --outcomes`')
    .option('--model <file>', 'the model the run was scored with, for its weights (default: TIESCORE_MODEL or models/default.json)')
    .option('--replicates <n>', 'bootstrap replicates of the AUC difference', positiveInteger('--replicates'), EVALUATION_DEFAULTS.replicates)
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      '\nThin file: at most one credit event on record at the run\'s as-of date. "Without network" is\n' +
        '350 + 600·Σ_{k≠network} w_k·d_k / Σ_{k≠network} w_k from the stored dimensions. A bad outcomes row stops the command (FILE:LINE: reason).',
    )
    .action(async (options: EvaluateOptions) => {
      const [{ loadConfig }, { readOutcomesFile }, { loadCliModel }, { withCliStore }, { describeEvaluation }] = await Promise.all([
        import('../../config.js'),
        import('../../reports/outcomes-file.js'),
        import('../load-cli-model.js'),
        import('../open-store.js'),
        import('../report-text.js'),
      ]);
      const config = loadConfig();
      const model = await loadCliModel(config, options.model);
      const outcomes = options.outcomes === undefined ? undefined : await readOutcomesFile(options.outcomes).catch(asCliError);
      const report = await withCliStore(config, (store) => evaluatePublished(store, model, { outcomes, replicates: options.replicates }));
      console.log(options.json ? jsonForPeople(report) : describeEvaluation(report));
    });
}

/**
 * The evaluation report of the store's published run (the command without its I/O).
 *
 * @throws CliError when no run is published, the run was scored with another model, or no
 *   scored person has an outcome.
 */
export async function evaluatePublished(
  store: Store,
  model: Model,
  options: { outcomes?: ReadonlyMap<string, boolean> | undefined; replicates?: number } = {},
): Promise<EvaluationReport> {
  const [{ publishedReportRows }, { evaluateRun }] = await Promise.all([import('../../reports/report-source.js'), import('../../reports/evaluation.js')]);
  const { run, rows, unmatched } = await publishedReportRows(store, options.outcomes).catch(asCliError);
  checkModel(run.modelVersion, model);
  if (!rows.some((row) => row.defaulted !== undefined)) {
    throw new CliError(
      options.outcomes
        ? `none of the outcomes names a person run ${run.id} scored`
        : `no outcomes are stored for the persons run ${run.id} scored: give --outcomes FILE or load them with \`tiescore import --outcomes FILE\``,
    );
  }
  return evaluateRun({ run, rows, model, unmatched }, { replicates: options.replicates });
}

/** The stored dimensions only mean the published score under the weights of the run's model. */
export function checkModel(runModelVersion: string, model: Model): void {
  if (runModelVersion !== model.version) {
    throw new CliError(`the published run was scored with model ${runModelVersion}, not ${model.version}: give that model with --model FILE`);
  }
}

/** A bad outcomes file or a report that cannot be made is one CLI line (matched by name: the classes load with their modules). */
export function asCliError(error: unknown): never {
  if (error instanceof Error && (error.name === 'FileError' || error.name === 'ReportUnavailableError')) throw new CliError(error.message);
  throw error;
}
