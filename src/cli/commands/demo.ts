/**
 * `tiescore demo`: the embedded main job — a synthetic population scored end to end in this
 * process (in-memory store, inline pipeline), no Neo4j or Redis needed — then the API and its
 * docs on that population, with one key per role, unless `--no-serve`.
 */
import type { Command } from 'commander';
import type { DemoSummary } from '../../demo/run-demo.js';
import { CliError } from '../cli-error.js';
import { calendarDate, portNumber, positiveInteger } from '../parse-options.js';
import type { Progress } from '../progress.js';
import { describeEmbeddedApi, serveUntilSignalled } from './serve.js';
import { jsonForPeople } from '../../domain/display-numbers.js';
import { SHOCKS } from '../../domain/shocks.js';

interface DemoCliOptions {
  persons: number;
  seed: number;
  asOf: string;
  model?: string;
  json?: boolean;
  serve: boolean;
  host?: string;
  port?: number;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('Generate a synthetic population and score it end to end in memory (no services needed)')
    .option('--persons <n>', 'persons to generate', positiveInteger('--persons'), 5000)
    .option('--seed <s>', 'seed of the synthetic population', positiveInteger('--seed'), 1)
    .option('--as-of <date>', 'as-of date of the population and the scores', calendarDate('--as-of'), '2026-06-30')
    .option('--model <file>', 'scorecard model (default: TIESCORE_MODEL or models/default.json)')
    .option('--json', 'print the summary (and, when serving, the URL and keys) as one JSON object on the first line of stdout')
    .option('--no-serve', 'exit after the summary instead of serving the API')
    .option('--host <address>', 'address to serve on (default: HOST)')
    .option('--port <n>', 'port to serve on (default: PORT)', portNumber('--port'))
    .action(async (options: DemoCliOptions) => {
      const [{ pino }, { loadConfig }, { runDemo }, { loadCliModel }, { createLogger }, { startEmbeddedApi }, { createProgress }] = await Promise.all([
        import('pino'),
        import('../../config.js'),
        import('../../demo/run-demo.js'),
        import('../load-cli-model.js'),
        import('../../api/middleware/request-log.js'),
        import('../../api/start.js'),
        import('../progress.js'),
      ]);
      const config = loadConfig();
      const model = await loadCliModel(config, options.model);
      let current: { stage: string; bar: Progress } | undefined;
      const { summary, store } = await runDemo({
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
      if (!options.serve) {
        console.log(options.json ? jsonForPeople(summary) : describe(summary));
        return;
      }
      // The demo's output is its summary on stdout (the first line with --json); logs go to stderr.
      const logger = createLogger(config.LOG_LEVEL, pino.destination(2));
      const api = await startEmbeddedApi({ config, model, logger, store, asOf: options.asOf, host: options.host, port: options.port }).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
          throw new CliError(`cannot listen on ${options.host ?? config.HOST}:${options.port ?? config.PORT}: ${code}`);
        }
        throw error;
      });
      if (options.json) {
        console.log(jsonForPeople({ ...summary, api: { url: api.url, docs: `${api.url}/docs`, analystPage: `${api.url}/`, keys: api.keys, subjectId: api.subjectId } }));
      } else {
        console.log(`${describe(summary)}\n\n${describeEmbeddedApi(api, summary.persons)}\n(Ctrl-C to stop)`);
      }
      await serveUntilSignalled(api, (line) => logger.info(line));
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
    `most systemically important persons (points the population loses under the shock "${SHOCKS['own-score-to-0'].label}" of the person):`,
    ...s.mostInfluential.map((p) => `  ${p.personId}  ${p.pointsIfOwnScoreZero.toFixed(1).padStart(8)} points   (score ${p.score}, ${p.band})`),
  ];
  const c = s.contagionExample;
  if (c) {
    lines.push(
      `what if ${c.personId} has ${SHOCKS['default-event'].label} (${SHOCKS['default-event'].description})? their own score moves ${c.ownScoreChange} points, ` +
        `the population ${c.totalPoints} points in all; ` +
        `${c.movedAtLeastOnePoint} other people move by at least 1 point, ${c.movedAtLeastATenthOfAPoint} by at least 0.1` +
        (c.largest ? `; the largest move is ${c.largest.deltaPoints} points (${c.largest.personId}, ${c.largest.hops} hop${c.largest.hops === 1 ? '' : 's'} away)` : ''),
    );
  }
  return lines.join('\n');
}
