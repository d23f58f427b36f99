/**
 * `tiescore recourse ID [--target SCORE] [--json]`: what a person can do to raise their score,
 * and what they are not asked to change (src/cli/recourse-show.ts, loaded when it runs).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { RecourseOptions } from '../recourse-show.js';
import { calendarDate } from '../parse-options.js';

const targetScore = (value: string): number => {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < 350 || number > 950) throw new InvalidArgumentError('--target must be a whole score from 350 to 950');
  return number;
};

export function register(program: Command): void {
  program
    .command('recourse')
    .description('What a person can do to raise their score (the smallest sets of changes that reach a target), and what they are not asked to change')
    .argument('<id>', 'person id')
    .option('--target <score>', 'the score to reach, 350–950 (default: the lowest score of the next band)', targetScore)
    .option('--model <file>', 'scorecard model (default: TIESCORE_MODEL or models/default.json); must be the published run\'s')
    .option('--as-of <date>', 'scoring date when no published run scores the person (default: today, UTC)', calendarDate('--as-of'))
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nOnly the features the model marks actionable are changed; each plan is minimal (no smaller set of its changes\n' +
        'reaches the target) and exact (the model gives the proposed values the promised score). The network is never\n' +
        'something to change: tiescore does not advise choosing or dropping contacts. Needs Neo4j.',
    )
    .action(async (id: string, options: RecourseOptions) => (await import('../recourse-show.js')).runRecourse(id, options));
}
