/**
 * `tiescore score ID`: one person's score, band, dimensions and reason codes — from the
 * published run when there is one, otherwise computed now from the stored records (then the
 * network dimension is neutral: it equals the person's own score, so it neither adds nor costs).
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { calendarDate } from '../parse-options.js';

interface ScoreView {
  personId: string;
  score: number;
  band: string;
  dimensions: Record<string, number>;
  reasonCodes: { code: string; reason: string }[];
  modelVersion: string;
  source: { runId: string; publishedAt?: string | undefined } | { computedNow: true; asOf: string; note: string };
}

export function register(program: Command): void {
  program
    .command('score')
    .description("Show one person's score, band, five dimensions and reason codes")
    .argument('<id>', 'person id')
    .option('--model <file>', 'scorecard model for an on-the-fly score (default: TIESCORE_MODEL or models/default.json)')
    .option('--as-of <date>', 'scoring date for an on-the-fly score (default: today, UTC)', calendarDate('--as-of'))
    .option('--json', 'print one JSON object')
    .action(async (id: string, options: { model?: string; asOf?: string; json?: boolean }) => {
      const [{ loadConfig }, { scorePerson }, { loadCliModel }, { withCliStore }] = await Promise.all([
        import('../../config.js'),
        import('../../score/index.js'),
        import('../load-cli-model.js'),
        import('../open-store.js'),
      ]);
      const config = loadConfig();
      const view = await withCliStore(config, async (store): Promise<ScoreView> => {
        const person = await store.getPerson(id);
        if (!person) throw new CliError(`no person with id "${id}"`);
        const run = await store.publishedRun();
        const stored = run && (await store.scoreIn(run, id));
        if (run && stored) {
          const { score, band, dimensions, reasonCodes, modelVersion } = stored;
          return { personId: id, score, band, dimensions, reasonCodes, modelVersion, source: { runId: run.id, publishedAt: run.publishedAt } };
        }
        const model = await loadCliModel(config, options.model);
        const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
        const events = await store.eventsOf(id);
        const neutral = scorePerson({ person, events, asOf, model, networkPrior: 0 }).own;
        const result = scorePerson({ person, events, asOf, model, network: neutral, networkPrior: neutral });
        return {
          personId: id,
          score: result.score,
          band: result.band,
          dimensions: result.dimensions,
          reasonCodes: result.reasonCodes.map(({ code, reason }) => ({ code, reason })),
          modelVersion: result.modelVersion,
          source: { computedNow: true, asOf, note: 'no published run scores this person yet; network dimension set neutral (equal to the own score)' },
        };
      });
      console.log(options.json ? JSON.stringify(view) : describe(view));
    });
}

function describe(view: ScoreView): string {
  const source = 'runId' in view.source ? `run ${view.source.runId}` : `computed now as of ${view.source.asOf} (${view.source.note})`;
  return [
    `${view.personId}: ${view.score} (${view.band})  model ${view.modelVersion}, ${source}`,
    ...Object.entries(view.dimensions).map(([name, value]) => `  ${name.padEnd(10)} ${value.toFixed(3)}`),
    ...(view.reasonCodes.length === 0 ? ['  no adverse factors'] : view.reasonCodes.map((rc) => `  ${rc.code.padEnd(16)} ${rc.reason}`)),
  ].join('\n');
}
