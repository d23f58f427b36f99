/**
 * `tiescore worker`: processes recompute runs and their score chunks from the queue. Run any
 * number, on any machines sharing Redis and Neo4j. SIGTERM/SIGINT stop taking jobs and wait for
 * the active ones to finish (a second signal exits at once; the queue hands an unfinished job to
 * another worker once its lock lapses).
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { positiveInteger } from '../parse-options.js';
import { youngGenerationHint } from '../young-generation.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description('Process recompute jobs (any number of workers may share Redis and Neo4j)')
    .option('--concurrency <n>', 'score chunks processed at once by this worker', positiveInteger('--concurrency'), 1)
    .option('--no-schedule', 'do not create or update the nightly schedule of the recompute and the retention sweep (NIGHTLY_CRON, NIGHTLY_TZ)')
    .option('--model <file>', 'scorecard model (default: TIESCORE_MODEL or models/default.json)')
    .action(async (options: { concurrency: number; schedule: boolean; model?: string }) => {
      const [{ loadConfig }, { scheduleNightly }, { startRecomputeWorkers }, { scheduleRetention, startRetentionWorker }, { loadCliModel }, { openCliStore }, { checkCliRedis, withRecomputeQueue, withRetentionQueue }] =
        await Promise.all([
          import('../../config.js'),
          import('../../jobs/bullmq/enqueue.js'),
          import('../../jobs/bullmq/recompute-workers.js'),
          import('../../jobs/bullmq/retention-jobs.js'),
          import('../load-cli-model.js'),
          import('../open-store.js'),
          import('../with-queue.js'),
        ]);
      const config = loadConfig();
      const model = await loadCliModel(config, options.model);
      await checkCliRedis(config);
      if (options.schedule) {
        await withRecomputeQueue(config, async (queue) => {
          try {
            await scheduleNightly(queue, config.NIGHTLY_CRON, config.NIGHTLY_TZ);
          } catch (error) {
            throw new CliError(`NIGHTLY_CRON="${config.NIGHTLY_CRON}" NIGHTLY_TZ="${config.NIGHTLY_TZ}" is not a usable schedule: ${(error as Error).message}`);
          }
        });
        // The retention sweep runs on the same schedule (the cron was checked just above).
        await withRetentionQueue(config, (queue) => scheduleRetention(queue, config.NIGHTLY_CRON, config.NIGHTLY_TZ));
      }
      const store = await openCliStore(config);
      const log = (line: string) => console.error(`${new Date().toISOString()} ${line}`);
      const workers = await startRecomputeWorkers({ config, store, model, concurrency: options.concurrency, onEvent: log });
      const retention = await startRetentionWorker({ config, store, model, onEvent: log });
      log(`worker ready (model ${model.version}, concurrency ${options.concurrency}${options.schedule ? `, nightly "${config.NIGHTLY_CRON}" ${config.NIGHTLY_TZ}` : ''})`);
      const hint = youngGenerationHint(process.execArgv, process.env.NODE_OPTIONS);
      if (hint) log(hint);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: finishing active jobs, then exiting (send again to exit now)`);
          process.once(signal, () => process.exit(130));
          void Promise.all([workers.close(), retention.close()])
            .then(() => store.close())
            .then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      log('worker stopped');
    });
}
