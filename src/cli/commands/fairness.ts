/**
 * `tiescore fairness`: score distribution, approval rate at a cut-off and adverse impact ratio
 * per protected group (sex; age band), with and without the network dimension
 * (src/reports/fairness.ts).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { FairnessReport } from '../../reports/fairness.js';
import { FAIRNESS_DEFAULTS } from '../../reports/report-defaults.js';
// Straight from bands.ts, not the score barrel: this module loads at every start of the CLI, and
// the barrel brings zod and the model loader (about 100 ms).
// eslint-disable-next-line no-restricted-imports -- see above
import { SCORE_MAX, SCORE_MIN } from '../../score/bands.js';
import type { Model } from '../../score/index.js';
import type { Store } from '../../store/store.js';
import { asCliError, checkModel } from './evaluate.js';
import { jsonForPeople } from '../../domain/display-numbers.js';

interface FairnessOptions {
  cutoff: number;
  model?: string;
  json?: boolean;
}

const cutoffScore = (value: string): number => {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < SCORE_MIN || number > SCORE_MAX) {
    throw new InvalidArgumentError(`--cutoff must be a whole score from ${SCORE_MIN} to ${SCORE_MAX}`);
  }
  return number;
};

export function register(program: Command): void {
  program
    .command('fairness')
    .description('Approval rate and adverse impact ratio per sex and age band at a cut-off, with and without the network dimension')
    .option('--cutoff <score>', `approve at or above this displayed score`, cutoffScore, FAIRNESS_DEFAULTS.cutoff)
    .option('--model <file>', 'the model the run was scored with, for its weights (default: TIESCORE_MODEL or models/default.json)')
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      `\nThe adverse impact ratio is a group's approval rate over the most-approved group's (groups of at least ${FAIRNESS_DEFAULTS.minGroupSize});\n` +
        `ratios under ${FAIRNESS_DEFAULTS.threshold} are flagged (the four-fifths rule). Age bands are taken at the run's as-of date.`,
    )
    .action(async (options: FairnessOptions) => {
      const [{ loadConfig }, { loadCliModel }, { withCliStore }, { describeFairness }] = await Promise.all([
        import('../../config.js'),
        import('../load-cli-model.js'),
        import('../open-store.js'),
        import('../report-text.js'),
      ]);
      const config = loadConfig();
      const model = await loadCliModel(config, options.model);
      const report = await withCliStore(config, (store) => fairnessOfPublished(store, model, options.cutoff));
      console.log(options.json ? jsonForPeople(report) : describeFairness(report));
    });
}

/** The fairness report of the store's published run at `cutoff` (the command without its I/O). */
export async function fairnessOfPublished(store: Store, model: Model, cutoff: number): Promise<FairnessReport> {
  const [{ publishedReportRows }, { fairnessReport }] = await Promise.all([import('../../reports/report-source.js'), import('../../reports/fairness.js')]);
  const { run, rows } = await publishedReportRows(store).catch(asCliError);
  checkModel(run.modelVersion, model);
  return fairnessReport({ run, rows, model }, { cutoff });
}
