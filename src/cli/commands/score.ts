/**
 * `tiescore score ID`: one person's score, band, dimensions and reason codes — from the
 * published run when there is one, otherwise computed now from the stored records (then the
 * network dimension is neutral: it equals the person's own score, so it neither adds nor costs).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { scorePerson } from '../../score/index.js';
import { CliError } from '../cli-error.js';
import { loadCliModel } from '../load-cli-model.js';
import { withCliStore } from '../open-store.js';
import { calendarDate } from '../parse-options.js';
import { displayReasonCodes, jsonForPeople, roundShares } from '../../domain/display-numbers.js';

interface ScoreView {
  personId: string;
  score: number;
  band: string;
  dimensions: Record<string, number>;
  reasonCodes: { code: string; reason: string; pointsLost?: number }[];
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
      const config = loadConfig();
      const view = await withCliStore(config, async (store): Promise<ScoreView> => {
        const person = await store.getPerson(id);
        if (!person) throw new CliError(`no person with id "${id}"`);
        const run = await store.publishedRun();
        const stored = run && (await store.scoreIn(run, id));
        if (run && stored) {
          const { score, band, dimensions, reasonCodes, modelVersion } = stored;
          return { personId: id, score, band, dimensions: roundShares(dimensions), reasonCodes: displayReasonCodes(reasonCodes), modelVersion, source: { runId: run.id, publishedAt: run.publishedAt } };
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
          dimensions: roundShares(result.dimensions),
          reasonCodes: displayReasonCodes(result.reasonCodes),
          modelVersion: result.modelVersion,
          source: { computedNow: true, asOf, note: 'no published run scores this person yet; network dimension set neutral (equal to the own score)' },
        };
      });
      console.log(options.json ? jsonForPeople(view) : describe(view));
    });
}

function describe(view: ScoreView): string {
  const source = 'runId' in view.source ? `run ${view.source.runId}` : `computed now as of ${view.source.asOf} (${view.source.note})`;
  return [
    `${view.personId}: ${view.score} (${view.band})  model ${view.modelVersion}, ${source}`,
    ...Object.entries(view.dimensions).map(([name, value]) => `  ${name.padEnd(10)} ${value.toFixed(3)}`),
    ...(view.reasonCodes.length === 0
      ? ['  no adverse factors']
      : view.reasonCodes.map((rc) => `  ${rc.code.padEnd(16)} ${rc.reason}${rc.pointsLost === undefined ? '' : ` (−${rc.pointsLost.toFixed(1)} points)`}`)),
  ].join('\n');
}
