/**
 * `tiescore persons erase ID --yes`: the CLI side of `DELETE /v1/persons/{id}` — erases the
 * person (everything about them, leaving only an erasure record) and enqueues the incremental
 * recompute that rescores their former contacts. The erasure stands even when Redis is away;
 * the next scheduled recompute then applies it.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import type { Store } from '../../store/store.js';
import { CliError } from '../cli-error.js';
import { jsonForPeople } from '../../domain/display-numbers.js';

/** Enqueues the recompute after an erasure; returns the run id. Tests pass their own. */
export type RecomputeEnqueuer = (store: Store, reason: string) => Promise<string>;

export interface PersonsCommandDeps {
  config: () => Config | Promise<Config>;
  runStore: <T>(work: (store: Store) => Promise<T>) => Promise<T>;
  enqueue: RecomputeEnqueuer;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Incremental when the published run can be built on, full otherwise (as the API does). */
const bullmqEnqueuer: RecomputeEnqueuer = async (store, reason) => {
  const [{ loadConfig }, { enqueueRecompute }, { incrementalBase, NoIncrementalBaseError }, { loadCliModel }, { withRecomputeQueue }] = await Promise.all([
    import('../../config.js'),
    import('../../jobs/bullmq/enqueue.js'),
    import('../../jobs/recompute/run-lifecycle.js'),
    import('../load-cli-model.js'),
    import('../with-queue.js'),
  ]);
  const config = loadConfig();
  const model = await loadCliModel(config);
  const kind = await incrementalBase(store).then(
    () => 'incremental' as const,
    (error: unknown) => {
      if (error instanceof NoIncrementalBaseError) return 'full' as const;
      throw error;
    },
  );
  return withRecomputeQueue(config, async (queue) => {
    const job = await enqueueRecompute(queue, model, { kind });
    await job.log(`reason: ${reason}`);
    return job.data.runId!;
  });
};

const defaults: PersonsCommandDeps = {
  config: async () => (await import('../../config.js')).loadConfig(),
  runStore: async (work) => {
    const [{ loadConfig }, { withCliStore }] = await Promise.all([import('../../config.js'), import('../open-store.js')]);
    return withCliStore(loadConfig(), work);
  },
  enqueue: bullmqEnqueuer,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

export function register(program: Command, deps: PersonsCommandDeps = defaults): void {
  const persons = program.command('persons').description('Data-subject rights: erase a person');
  persons
    .command('erase')
    .description('Erase a person and everything about them (keeps only an erasure record), then enqueue the rescoring of their former contacts')
    .argument('<id>', 'the person\'s id')
    .option('--yes', 'confirm: erasure cannot be undone')
    .option('--no-recompute', 'do not enqueue the recompute (the next scheduled run rescores the former contacts)')
    .option('--json', 'print the outcome as one JSON object')
    .addHelpText('after', '\nAn import brings an erased person back only with `tiescore import --allow-erased`.')
    .action(async (id: string, options: { yes?: boolean; recompute: boolean; json?: boolean }) => {
      if (!options.yes) throw new CliError(`erasing "${id}" cannot be undone: add --yes to go ahead`);
      const config = await deps.config();
      const [{ erasePerson, erasureRecomputeReason }, { ErasureHasher }] = await Promise.all([
        import('../../privacy/erase-person.js'),
        import('../../privacy/erasure-hasher.js'),
      ]);
      await deps.runStore(async (store) => {
        const hasher = new ErasureHasher(store, config.ERASURE_SALT);
        const outcome = await erasePerson(store, hasher, id, { requestedBy: `cli:${userInfo().username}`, role: 'operator' }, new Date());
        if (!outcome) throw new CliError(`no person "${id}"`);
        let runId: string | undefined;
        let note: string | undefined;
        if (options.recompute) {
          try {
            runId = await deps.enqueue(store, erasureRecomputeReason(outcome.record));
          } catch (error) {
            note = `${(error as Error).message}; the next scheduled recompute rescores the former contacts`;
          }
        }
        if (note) deps.err(`tiescore: ${note}`);
        const { contactsMarked, ...removed } = outcome.counts;
        if (options.json) {
          deps.out(jsonForPeople({ status: 'erased', erasedAt: outcome.record.at, removed, contactsToRescore: contactsMarked, recomputeRun: runId ?? null }));
          return;
        }
        deps.out(
          `erased "${id}": ${Object.entries(removed).map(([what, n]) => `${n} ${what}`).join(', ')}; ` +
            `${contactsMarked} former contacts to rescore${runId ? ` (run ${runId} enqueued)` : ''}`,
        );
      });
    });
}
