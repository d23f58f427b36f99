/**
 * `tiescore demo`: the embedded main job — a synthetic population scored end to end in this
 * process (in-memory store, inline pipeline), no Neo4j or Redis needed.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { runDemo, type DemoSummary } from '../../demo/run-demo.js';
import { loadCliModel } from '../load-cli-model.js';
import { calendarDate, positiveInteger } from '../parse-options.js';
import { createProgress, type Progress } from '../progress.js';

interface DemoCliOptions {
  persons: number;
  seed: number;
  asOf: string;
  model?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('Generate a synthetic population and score it end to end in memory (no services needed)')
    .option('--persons <n>', 'persons to generate', positiveInteger('--persons'), 5000)
    .option('--seed <s>', 'seed of the synthetic population', positiveInteger('--seed'), 1)
    .option('--as-of <date>', 'as-of date of the population and the scores', calendarDate('--as-of'), '2026-06-30')
    .option('--model <file>', 'scorecard model (default: TIESCORE_MODEL or models/default.json)')
    .option('--json', 'print the summary as one JSON object')
    .action(async (options: DemoCliOptions) => {
      const model = await loadCliModel(loadConfig(), options.model);
      let current: { stage: string; bar: Progress } | undefined;
      const { summary } = await runDemo({
        persons: options.persons,
        seed: options.seed,
        asOf: options.asOf,
        model,
        onStage: (stage, done, total) => {
          if (options.json) return;
          if (current?.stage !== stage) {
            current?.bar.stop();
            current = { stage, bar: createProgress({ label: `demo: ${stage.toLowerCase()}`, total }) };
          }
          current.bar.update(done);
        },
      });
      current?.bar.stop();
      console.log(options.json ? JSON.stringify(summary) : describe(summary));
    });
}

function describe(s: DemoSummary): string {
  const total = Object.values(s.bands).reduce((x, y) => x + y, 0) || 1;
  const lines = [
    `tiescore demo: ${s.persons} persons, ${s.friendships} friendships, ${s.transactions} transactions, ${s.events} credit events`,
    `run ${s.run.id} (model ${s.run.modelVersion}, as of ${s.run.asOf}): network converged in ${s.run.iterations} iterations`,
    `  timings: ${Object.entries(s.run.timingsMs).map(([step, ms]) => `${step} ${ms} ms`).join(', ')}` +
      ` (generate ${s.seconds.generate} s, import ${s.seconds.import} s)`,
    `score distribution (mean ${s.meanScore}):`,
    ...Object.entries(s.bands).map(
      ([band, count]) => `  ${band.padEnd(10)} ${String(count).padStart(7)}  ${'#'.repeat(Math.round((40 * count) / total))}`,
    ),
    'most systemically important persons (points their default would move in total):',
    ...s.mostInfluential.map((p) => `  ${p.personId}  ${p.pointsIfDefault.toFixed(1).padStart(8)} points   (score ${p.score}, ${p.band})`),
  ];
  const c = s.contagionExample;
  if (c) {
    lines.push(
      `what if ${c.personId} defaults? their own score moves ${c.ownScoreChange} points; ` +
        `${c.movedAtLeastOnePoint} other people move by at least 1 point, ${c.movedAtLeastATenthOfAPoint} by at least 0.1` +
        (c.largest ? `; the largest move is ${c.largest.deltaPoints} points (${c.largest.personId}, ${c.largest.hops} hop${c.largest.hops === 1 ? '' : 's'} away)` : ''),
    );
  }
  return lines.join('\n');
}
