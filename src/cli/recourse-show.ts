/**
 * `tiescore recourse ID`: what a person can do to raise their score and what they are not asked
 * to change (src/recourse), from the published run — or, when no run scores the person yet, from
 * their records scored now with a neutral network value (equal to their own score, as
 * `tiescore score` does). Loaded only when the command runs.
 */
import { loadConfig } from '../config.js';
import { jsonForPeople } from '../domain/display-numbers.js';
import { recourseOfRecords, type RecourseAnswer } from '../recourse/recourse.js';
import { scoreOwnDimensions, type Model } from '../score/index.js';
import type { Store } from '../store/store.js';
import { CliError } from './cli-error.js';
import { loadCliModel } from './load-cli-model.js';
import { withCliStore } from './open-store.js';

export interface RecourseOptions {
  target?: number;
  model?: string;
  asOf?: string;
  json?: boolean;
}

/** The answer and where its score came from. */
export type RecourseView = RecourseAnswer & { source: { runId: string; publishedScore: number } | { computedNow: true; note: string } };

/**
 * The recourse answer of a stored person: the published run's score when it has one (same
 * model required), else computed now.
 *
 * @throws CliError for an unknown person or a run made with another model.
 */
export async function recourseView(store: Store, model: Model, personId: string, options: Pick<RecourseOptions, 'target' | 'asOf'>): Promise<RecourseView> {
  const published = await store.publishedScoresOf([personId]);
  const read = published?.persons[0];
  if (published && read?.person && read.score) {
    if (read.score.modelVersion !== model.version) {
      throw new CliError(`the published score was made with model ${read.score.modelVersion}, not ${model.version}: pass that model with --model FILE, or recompute`);
    }
    const answer = recourseOfRecords({ person: read.person, events: read.events, asOf: published.run.asOf, network: read.score.dimensions.network, model, target: options.target });
    return { ...answer, source: { runId: published.run.id, publishedScore: read.score.score } };
  }
  const person = read?.person ?? (await store.getPerson(personId));
  if (!person) throw new CliError(`no person with id "${personId}"`);
  const events = read?.person ? read.events : await store.eventsOf(personId);
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const neutral = scoreOwnDimensions({ person, events, asOf, model }).own;
  const answer = recourseOfRecords({ person, events, asOf, network: neutral, model, target: options.target });
  return { ...answer, source: { computedNow: true, note: 'no published run scores this person yet; network dimension set neutral (equal to the own score)' } };
}

/** The answer as people read it in a terminal. */
export function describeRecourse(view: RecourseView): string {
  const source = 'runId' in view.source ? `run ${view.source.runId}` : `computed now as of ${view.asOf} (${view.source.note})`;
  const lines = [`${view.personId}: ${view.score} (${view.band})  model ${view.modelVersion}, ${source}`];
  if (view.target) lines.push(`target ${view.target.score} (${view.target.band}${view.target.from === 'next-band' ? ', the next band' : ''})`);
  lines.push(view.summary);
  view.plans.forEach((plan, i) => {
    lines.push(`plan ${i + 1}: ${plan.score} (+${plan.points.toFixed(1)} points, within ${plan.months} month${plan.months === 1 ? '' : 's'})`);
    for (const change of plan.changes) lines.push(`  - ${change.text}`);
  });
  if (view.plans.length === 0 && view.highest.changes.length > 0 && view.target !== null && view.score < view.target.score) {
    lines.push(`every change you can make, at its largest, gives ${view.highest.score}:`);
    for (const change of view.highest.changes) lines.push(`  - ${change.text}`);
  }
  for (const item of view.unknown) lines.push(`unknown: ${item.text}`);
  lines.push('not something you are asked to change:');
  for (const item of view.notActionable) lines.push(`  - ${item.text}`);
  return lines.join('\n');
}

/** The command's action. */
export async function runRecourse(personId: string, options: RecourseOptions): Promise<void> {
  const config = loadConfig();
  const model = await loadCliModel(config, options.model);
  await withCliStore(config, async (store) => {
    const view = await recourseView(store, model, personId, options);
    console.log(options.json ? jsonForPeople(view) : describeRecourse(view));
  });
}
