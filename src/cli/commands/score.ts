/**
 * `tiescore score ID` / `tiescore score --ids FILE`: persons' scores, bands, dimensions and
 * reason codes — from the published run when it scores them, otherwise computed now from the
 * stored records (then the network dimension is neutral: it equals the person's own score, so
 * it neither adds nor costs). Many ids are read together, a thousand a store call.
 */
import type { Command } from 'commander';
import type { Model } from '../../score/index.js';
import type { PersonScoreRead, Store } from '../../store/store.js';
import type { ScoreRun } from '../../domain/scores.js';
import { CliError } from '../cli-error.js';
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

interface ScoreOptions {
  ids?: string;
  model?: string;
  asOf?: string;
  json?: boolean;
}

/** Ids a store read holds. */
const READ_BATCH = 1_000;

export function register(program: Command): void {
  program
    .command('score')
    .description("Show persons' scores, bands, five dimensions and reason codes (one id, or many with --ids)")
    .argument('[id]', 'person id')
    .option('--ids <file>', 'a file of person ids, one a line (blank lines and # comments skipped)')
    .option('--model <file>', 'scorecard model for an on-the-fly score (default: TIESCORE_MODEL or models/default.json)')
    .option('--as-of <date>', 'scoring date for an on-the-fly score (default: today, UTC)', calendarDate('--as-of'))
    .option('--json', 'print one JSON object per person, one a line')
    .addHelpText('after', '\nWith --ids, a bad or unknown id is reported on stderr as FILE:LINE: reason and the exit code is 1; the others are printed.')
    .action(async (id: string | undefined, options: ScoreOptions) => {
      if ((id === undefined) === (options.ids === undefined)) throw new CliError('give one person id, or --ids FILE (not both)');
      const [{ loadConfig }, { loadCliModel }, { withCliStore }, { readIdsFile }] = await Promise.all([
        import('../../config.js'),
        import('../load-cli-model.js'),
        import('../open-store.js'),
        import('../score-ids-file.js'),
      ]);
      const config = loadConfig();
      const wanted = options.ids === undefined ? { ids: [{ id: id!, line: 0 }], problems: [] } : await readIdsFile(options.ids);
      for (const problem of wanted.problems) console.error(problem);
      let missing = 0;
      await withCliStore(config, async (store) => {
        const model = lazy(() => loadCliModel(config, options.model));
        const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
        for (let k = 0; k < wanted.ids.length; k += READ_BATCH) {
          const batch = wanted.ids.slice(k, k + READ_BATCH);
          const reads = await readScores(store, batch.map((w) => w.id));
          for (const [j, read] of reads.persons.entries()) {
            const view = await viewOf(read, reads.run, model, asOf);
            if (view) {
              console.log(options.json ? jsonForPeople(view) : `${describe(view)}${options.ids ? '\n' : ''}`);
              continue;
            }
            missing++;
            if (options.ids === undefined) throw new CliError(`no person with id "${read.personId}"`);
            console.error(`${options.ids}:${batch[j]!.line}: no person with id "${read.personId}"`);
          }
        }
      });
      if (missing > 0 || wanted.problems.length > 0) process.exitCode = 1;
    });
}

/** The published run's reads of `ids`, or, with nothing published, each person and their events. */
async function readScores(store: Store, ids: string[]): Promise<{ run: ScoreRun | undefined; persons: PersonScoreRead[] }> {
  const published = await store.publishedScoresOf(ids);
  if (published) return published;
  const persons = await Promise.all(
    ids.map(async (personId): Promise<PersonScoreRead> => {
      const person = await store.getPerson(personId);
      return { personId, person, score: undefined, events: person ? await store.eventsOf(personId) : [] };
    }),
  );
  return { run: undefined, persons };
}

/** The served score, or one computed now; undefined when no person has the id. */
async function viewOf(read: PersonScoreRead, run: ScoreRun | undefined, model: () => Promise<Model>, asOf: string): Promise<ScoreView | undefined> {
  const { person, score: stored, events, personId } = read;
  if (!person) return undefined;
  if (run && stored) {
    const { score, band, dimensions, reasonCodes, modelVersion } = stored;
    return { personId, score, band, dimensions: roundShares(dimensions), reasonCodes: displayReasonCodes(reasonCodes), modelVersion, source: { runId: run.id, publishedAt: run.publishedAt } };
  }
  const { scorePerson } = await import('../../score/index.js');
  const scorecard = await model();
  const neutral = scorePerson({ person, events, asOf, model: scorecard, networkPrior: 0 }).own;
  const result = scorePerson({ person, events, asOf, model: scorecard, network: neutral, networkPrior: neutral });
  return {
    personId,
    score: result.score,
    band: result.band,
    dimensions: roundShares(result.dimensions),
    reasonCodes: displayReasonCodes(result.reasonCodes),
    modelVersion: result.modelVersion,
    source: { computedNow: true, asOf, note: 'no published run scores this person yet; network dimension set neutral (equal to the own score)' },
  };
}

/** The model is loaded once, and only when a score must be computed on the spot. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
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
