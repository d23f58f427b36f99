/**
 * `tiescore model …`: the scorecard model as data. `show` prints its weights, the network's
 * reach and its card (src/cli/model-show.ts); `fit` fits the weights and the network's α, κ and
 * band to a lender's own outcomes (src/cli/model-fit.ts). Both load their modules when they run.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { FIT_DEFAULTS } from '../../fit/fit-defaults.js';
// Straight from bands.ts, not the score barrel: this module loads at every start of the CLI, and
// the barrel brings zod and the model loader (about 100 ms).
// eslint-disable-next-line no-restricted-imports -- see above
import { SCORE_SPAN } from '../../score/bands.js';
import type { FitOptions } from '../model-fit.js';
import { calendarDate } from '../parse-options.js';

const share = (value: string): number => {
  const number = Number(value);
  if (!/^(0(\.\d+)?|\.\d+)$/.test(value.trim()) || !(number > 0 && number < 1)) throw new InvalidArgumentError('--holdout must be a share between 0 and 1, e.g. 0.3');
  return number;
};

const points = (value: string): number => {
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(number >= 0 && number < SCORE_SPAN)) {
    throw new InvalidArgumentError(`--network-cap must be a number of points from 0 to below ${SCORE_SPAN}`);
  }
  return number;
};

/** `none` or a comma-separated list of half-widths in (0, 1], `none` among them allowed (also bench/model-fit.ts). */
export const bandWidths = (value: string): (number | null)[] => {
  const widths = value.split(',').map((part) => part.trim());
  return widths.map((part) => {
    if (part === 'none') return null;
    const number = Number(part);
    if (!/^(0(\.\d+)?|\.\d+|1)$/.test(part) || !(number > 0 && number <= 1)) {
      throw new InvalidArgumentError(`--band-widths takes half-widths in (0, 1] and "none", comma-separated, e.g. none,0.12,0.25; got "${part}"`);
    }
    return number;
  });
};

export function register(program: Command): void {
  const model = program.command('model').description('The scorecard model: weights, the network\'s reach, the model card; fit it to your outcomes');
  model
    .command('show')
    .description('Print the model\'s version, dimension weights, the network\'s largest possible effect in points, the actionable features and the model card\'s path')
    .option('--model <file>', 'model file (default: TIESCORE_MODEL or models/default.json)')
    .option('--json', 'print one JSON object')
    .action(async (options: { model?: string; json?: boolean }) => (await import('../model-show.js')).showModel(options));
  model
    .command('fit')
    .description('Fit the dimension weights and the network parameters on observed outcomes; write a new model file and its card, print the fit report')
    .requiredOption('--out <file>', 'where to write the fitted model (JSON), e.g. models/acme-2026-12.json; its card goes beside it (.md)')
    .option('--outcomes <file>', 'outcomes file person_id,defaulted (CSV or .ndjson); default: the outcomes stored by `tiescore import --outcomes`')
    .option('--holdout <share>', `share of the persons held out at random to report on (default ${FIT_DEFAULTS.holdoutShare})`, share)
    .option('--holdout-from <date>', 'hold out the persons whose account opened on or after DATE instead (YYYY-MM-DD)', calendarDate('--holdout-from'))
    .option('--network-cap <points>', 'the most the network dimension may move a score: 600 × its weight ≤ POINTS', points, FIT_DEFAULTS.networkCapPoints)
    .option(
      '--band-widths <list>',
      `network band half-widths to choose from, "none" for no band (default ${FIT_DEFAULTS.bandHalfWidths.map((h) => h ?? 'none').join(',')}); a narrower band puts more of the cap into typical scores`,
      bandWidths,
    )
    .option('--model <file>', 'the model to start from: its bins, reasons and trust settings are kept (default: TIESCORE_MODEL or models/default.json)')
    .option('--name <version>', 'version of the fitted model (default: the --out file name without .json)')
    .option('--force', 'replace --out (and its card) if it exists')
    .option('--json', 'print the fit report as one JSON object')
    .addHelpText(
      'after',
      '\nNeeds Neo4j. Fits on the persons of the published run that have an outcome. The weights are ≥ 0 (a better\n' +
        'dimension never lowers a score) and sum to 1; α, κ and the network band are picked from a small grid by the\n' +
        'training log-likelihood. The holdout is only reported on. The report says what contacts account for in points\n' +
        'under the fitted model. Use the result anywhere a model goes: --model FILE.',
    )
    .action(async (options: FitOptions) => (await import('../model-fit.js')).runModelFit(options));
}
