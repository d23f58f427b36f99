/** `tiescore runs list|show|rollback`: the score runs, their stats and which one is served. */
import type { Command } from 'commander';
import type { ScoreRun } from '../../domain/scores.js';
import type { Neo4jStore } from '../../store/neo4j/neo4j-store.js';
import { CliError } from '../cli-error.js';
import { positiveInteger } from '../parse-options.js';
import { jsonForPeople } from '../../domain/display-numbers.js';

/** Runs `work` against the configured Neo4j store (loaded when a command runs). */
async function withStore<T>(work: (store: Neo4jStore) => Promise<T>): Promise<T> {
  const [{ loadConfig }, { withCliStore }] = await Promise.all([import('../../config.js'), import('../open-store.js')]);
  return withCliStore(loadConfig(), work);
}

export function register(program: Command): void {
  const runs = program.command('runs').description('List, inspect and roll back score runs');
  runs
    .command('list')
    .description('List score runs, newest first (* = the published run the API serves)')
    .option('--limit <n>', 'runs to list', positiveInteger('--limit'), 30)
    .option('--json', 'print JSON')
    .action(async (options: { limit: number; json?: boolean }) => {
      await withStore(async (store) => {
        const [list, published] = await Promise.all([store.listRuns(options.limit), store.publishedRun()]);
        if (options.json) return console.log(jsonForPeople({ published: published?.id ?? null, runs: list }));
        if (list.length === 0) return console.log('no runs yet (start one with `tiescore recompute`)');
        for (const run of list) {
          const mean = (run.stats as { meanScore?: number }).meanScore;
          console.log(
            `${run.id === published?.id ? '*' : ' '} ${run.id}  ${run.status.padEnd(8)} ${run.kind.padEnd(11)} model ${run.modelVersion}  as of ${run.asOf}` +
              `${mean !== undefined ? `  mean ${mean}` : ''}${run.failureReason ? `  (${run.failureReason})` : ''}`,
          );
        }
      });
    });
  runs
    .command('show')
    .description('Show one run: status, stats per band, timings per step')
    .argument('<run>', 'run id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withStore(async (store) => {
        const run = await store.getRun(id);
        if (!run) throw new CliError(`no run "${id}"`);
        const published = await store.publishedRun();
        console.log(options.json ? jsonForPeople({ ...run, served: published?.id === run.id }) : describeRun(run, published?.id === run.id));
      });
    });
  runs
    .command('rollback')
    .description('Serve an earlier complete run again (the current one is kept)')
    .argument('<run>', 'run id')
    .action(async (id: string) => {
      await withStore(async (store) => {
        const run = await store.getRun(id);
        if (!run) throw new CliError(`no run "${id}"`);
        if (run.status !== 'complete') throw new CliError(`run ${id} is ${run.status}; only a complete run can be served`);
        const previous = await store.publishedRun();
        await store.publishRun(id, new Date().toISOString());
        console.log(`now serving ${id}${previous ? ` (was ${previous.id})` : ''}`);
      });
    });
}

/** A run in a few lines: status, counts per band, mean, iterations and per-step timings. */
export function describeRun(run: Pick<ScoreRun, 'id' | 'status' | 'stats'> & Partial<ScoreRun>, served = false): string {
  const stats = run.stats as {
    scored?: number;
    meanScore?: number;
    bands?: Record<string, number>;
    iterations?: number;
    pushes?: number;
    timingsMs?: Record<string, number>;
    edges?: { friendships: number; transactions: number };
    rescored?: { scored: number };
    base?: string;
    dirty?: number;
    reached?: number;
  };
  const lines = [`run ${run.id}: ${run.status}${served ? ' (served)' : ''}${run.failureReason ? ` — ${run.failureReason}` : ''}`];
  if (run.modelVersion) lines.push(`  model ${run.modelVersion}, as of ${run.asOf}, started ${run.startedAt}${run.publishedAt ? `, published ${run.publishedAt}` : ''}`);
  if (stats.scored !== undefined) lines.push(`  scored ${stats.scored} persons, mean ${stats.meanScore}${stats.edges ? `; ${stats.edges.friendships} friendships, ${stats.edges.transactions} transactions` : ''}`);
  if (stats.rescored) {
    lines.push(`  incremental on ${stats.base}: rescored ${stats.rescored.scored} persons (${stats.dirty} changed, ${stats.reached} more moved by the changes)`);
  }
  if (stats.bands) lines.push(`  bands: ${Object.entries(stats.bands).map(([band, count]) => `${band} ${count}`).join(', ')}`);
  if (stats.iterations !== undefined) lines.push(`  network: ${stats.iterations} ${stats.iterations === 1 ? 'sweep' : 'sweeps'}${stats.pushes ? ` and ${stats.pushes} pushes` : ''}`);
  if (stats.timingsMs) lines.push(`  timings: ${Object.entries(stats.timingsMs).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(2)} s`).join(', ')}`);
  return lines.join('\n');
}
