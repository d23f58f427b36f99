/**
 * `tiescore schedule`: show, set or remove the nightly recompute (a BullMQ job scheduler); the
 * retention sweep follows the same schedule.
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

export function register(program: Command): void {
  program
    .command('schedule')
    .description('Show, set (--cron) or remove (--off) the nightly recompute schedule (the retention sweep runs on the same one)')
    .option('--cron <pattern>', 'cron pattern, e.g. "0 2 * * *" for 02:00 every day')
    .option('--tz <zone>', 'time zone of the pattern', 'UTC')
    .option('--off', 'remove the schedule')
    .action(async (options: { cron?: string; tz: string; off?: boolean }) => {
      if (options.off && options.cron) throw new CliError('give either --cron or --off, not both');
      const [{ loadConfig }, { nightlySchedule, scheduleNightly, unscheduleNightly }, { scheduleRetention, unscheduleRetention }, { withRecomputeQueue, withRetentionQueue }] =
        await Promise.all([
          import('../../config.js'),
          import('../../jobs/bullmq/enqueue.js'),
          import('../../jobs/bullmq/retention-jobs.js'),
          import('../with-queue.js'),
        ]);
      const config = loadConfig();
      await withRecomputeQueue(config, async (queue) => {
        if (options.off) {
          await withRetentionQueue(config, unscheduleRetention);
          console.log((await unscheduleNightly(queue)) ? 'nightly recompute removed' : 'there was no nightly recompute');
          return;
        }
        if (options.cron) {
          try {
            await scheduleNightly(queue, options.cron, options.tz);
            await withRetentionQueue(config, (retention) => scheduleRetention(retention, options.cron!, options.tz));
          } catch (error) {
            throw new CliError(`--cron "${options.cron}" --tz "${options.tz}" is not a usable schedule: ${(error as Error).message}`);
          }
        }
        const current = await nightlySchedule(queue);
        console.log(
          current
            ? `nightly recompute: "${current.pattern}" ${current.tz ?? 'UTC'}${current.next ? `, next at ${new Date(current.next).toISOString()}` : ''}`
            : 'no nightly recompute scheduled (workers create it on start unless --no-schedule)',
        );
      });
    });
}
