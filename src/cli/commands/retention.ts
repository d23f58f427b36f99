/**
 * `tiescore retention run`: one retention sweep now, against Neo4j — events past the model's
 * retention window and access-log entries older than ACCESS_LOG_RETENTION_DAYS — printing how
 * many it removed. Workers run the same sweep nightly (the `retention` job).
 */
import type { Command } from 'commander';
import { jsonForPeople } from '../../domain/display-numbers.js';

export function register(program: Command): void {
  const retention = program.command('retention').description('Remove records past their retention (also run nightly by the workers)');
  retention
    .command('run')
    .description('Remove events past the model\'s retention window and access-log entries older than ACCESS_LOG_RETENTION_DAYS; print the counts')
    .option('--model <file>', 'model whose retention window applies (default: TIESCORE_MODEL or models/default.json)')
    .option('--json', 'print the outcome as one JSON object')
    .action(async (options: { model?: string; json?: boolean }) => {
      const [{ loadConfig }, { describeRetention, runRetention }, { loadCliModel }, { withCliStore }] = await Promise.all([
        import('../../config.js'),
        import('../../jobs/retention/run-retention.js'),
        import('../load-cli-model.js'),
        import('../open-store.js'),
      ]);
      const config = loadConfig();
      const model = await loadCliModel(config, options.model);
      const outcome = await withCliStore(config, (store) => runRetention(store, model, { accessLogRetentionDays: config.ACCESS_LOG_RETENTION_DAYS }));
      console.log(options.json ? jsonForPeople(outcome) : describeRetention(outcome));
    });
}
