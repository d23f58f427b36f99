/** `tiescore schedule`: show, set or remove the nightly recompute (a BullMQ job scheduler). */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { nightlySchedule, scheduleNightly, unscheduleNightly } from '../../jobs/bullmq/enqueue.js';
import { CliError } from '../cli-error.js';
import { withRecomputeQueue } from '../with-queue.js';

export function register(program: Command): void {
  program
    .command('schedule')
    .description('Show, set (--cron) or remove (--off) the nightly recompute schedule')
    .option('--cron <pattern>', 'cron pattern, e.g. "0 2 * * *" for 02:00 every day')
    .option('--tz <zone>', 'time zone of the pattern', 'UTC')
    .option('--off', 'remove the schedule')
    .action(async (options: { cron?: string; tz: string; off?: boolean }) => {
      if (options.off && options.cron) throw new CliError('give either --cron or --off, not both');
      await withRecomputeQueue(loadConfig(), async (queue) => {
        if (options.off) {
          console.log((await unscheduleNightly(queue)) ? 'nightly recompute removed' : 'there was no nightly recompute');
          return;
        }
        if (options.cron) {
          try {
            await scheduleNightly(queue, options.cron, options.tz);
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
