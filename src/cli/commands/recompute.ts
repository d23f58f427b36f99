/**
 * `tiescore recompute [--incremental] [--wait]`: enqueue a recompute run; with --wait, follow it
 * to the end. An incremental run rescores only the persons whose data changed since the
 * published run and those whose score the changes move by ≥ 0.25 points, at that run's as-of date.
 */
import type { Command } from 'commander';
import type { RecomputeProgress } from '../../jobs/bullmq/job-data.js';
import type { RecomputeOutcome } from '../../jobs/bullmq/recompute-processor.js';
import { CliError } from '../cli-error.js';
import { calendarDate, positiveInteger } from '../parse-options.js';
import type { Progress } from '../progress.js';
import { describeRun } from './runs.js';

export function register(program: Command): void {
  program
    .command('recompute')
    .description('Enqueue a recompute of the scores (a `tiescore worker` runs it)')
    .option('--incremental', 'rescore only what changed since the published run (and whose score that moves by ≥ 0.25 points)')
    .option('--wait', 'follow the run with a progress bar per step and print its summary')
    .option('--as-of <date>', 'scoring date (default: today, UTC)', calendarDate('--as-of'))
    .option('--chunk-size <n>', 'persons per SCORE chunk job', positiveInteger('--chunk-size'), 10_000)
    .option('--model <file>', 'model the workers must be running (default: TIESCORE_MODEL or models/default.json)')
    .action(async (options: { incremental?: boolean; wait?: boolean; asOf?: string; chunkSize: number; model?: string }) => {
      if (options.incremental && options.asOf) throw new CliError('--as-of does not go with --incremental: an incremental run keeps its base run\'s as-of date');
      const [{ QueueEvents }, { loadConfig }, { enqueueRecompute }, { QUEUES, redisOptions }, { loadCliModel }, { createProgress }, { withRecomputeQueue }] = await Promise.all([
        import('bullmq'),
        import('../../config.js'),
        import('../../jobs/bullmq/enqueue.js'),
        import('../../jobs/bullmq/queues.js'),
        import('../load-cli-model.js'),
        import('../progress.js'),
        import('../with-queue.js'),
      ]);
      const config = loadConfig();
      const model = await loadCliModel(config, options.model);
      await withRecomputeQueue(config, async (queue) => {
        const events = options.wait ? new QueueEvents(QUEUES.recompute, { connection: redisOptions(config), prefix: config.QUEUE_PREFIX }) : undefined;
        await events?.waitUntilReady();
        const job = await enqueueRecompute(queue, model, { kind: options.incremental ? 'incremental' : 'full', asOf: options.asOf, chunkSize: options.chunkSize });
        console.error(`enqueued run ${job.data.runId} (job ${job.id})`);
        if (!events) {
          console.log(job.data.runId);
          return;
        }
        let bar: { step: string; progress: Progress } | undefined;
        const idle = setTimeout(() => console.error('no worker has taken the run yet; start one with `tiescore worker`'), 10_000);
        events.on('progress', ({ jobId, data }) => {
          if (jobId !== job.id) return;
          clearTimeout(idle);
          const { step, done, total } = data as unknown as RecomputeProgress;
          if (bar?.step !== step) {
            bar?.progress.stop();
            bar = { step, progress: createProgress({ label: step.padEnd(9), total }) };
          }
          bar.progress.update(done);
        });
        try {
          const outcome = (await job.waitUntilFinished(events)) as RecomputeOutcome;
          bar?.progress.stop();
          console.log(describeRun({ id: outcome.runId, status: 'complete', stats: outcome.stats }));
        } catch (error) {
          bar?.progress.stop();
          throw new CliError(`run ${job.data.runId} failed: ${(error as Error).message}`);
        } finally {
          clearTimeout(idle);
          await events.close();
        }
      });
    });
}
