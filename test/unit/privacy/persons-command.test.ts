/** `tiescore persons erase`: erases with --yes only, enqueues the recompute, and keeps the erasure when the queue is away. */
import { Command } from 'commander';
import { beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/cli-error.js';
import { register, type PersonsCommandDeps } from '../../../src/cli/commands/persons.js';
import { loadConfig } from '../../../src/config.js';
import { erasureHash } from '../../../src/privacy/erasure-hasher.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { person } from '../../contract/store-contract.js';

describe('tiescore persons erase', () => {
  let store: MemoryStore;
  let out: string[];
  let err: string[];
  let reasons: string[];
  let queueAway: boolean;
  const config = loadConfig({ ERASURE_SALT: 'a-configured-salt-1234' });

  const run = async (...args: string[]) => {
    [out, err, reasons] = [[], [], []];
    const deps: PersonsCommandDeps = {
      config: () => config,
      runStore: (work) => work(store),
      enqueue: async (_store, reason) => {
        if (queueAway) throw new Error('Redis is not reachable');
        reasons.push(reason);
        return 'run-1';
      },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    };
    const program = new Command('tiescore').exitOverride();
    register(program, deps);
    await program.parseAsync(['node', 'tiescore', 'persons', ...args]);
  };

  beforeEach(async () => {
    store = new MemoryStore();
    queueAway = false;
    await store.upsertPersons([person('p1'), person('p2')]);
    await store.upsertFriendships([{ a: 'p1', b: 'p2', since: '2022-01-01', interactions: 2 }]);
  });

  it('refuses without --yes and erases nothing', async () => {
    await expect(run('erase', 'p1')).rejects.toThrow(new CliError('erasing "p1" cannot be undone: add --yes to go ahead'));
    expect(await store.getPerson('p1')).toBeDefined();
  });

  it('erases with --yes, records the configured salt\'s hash and who asked, and enqueues the recompute', async () => {
    await run('erase', 'p1', '--yes', '--json');
    expect(JSON.parse(out[0]!)).toMatchObject({ status: 'erased', removed: { friendships: 1 }, contactsToRescore: 1, recomputeRun: 'run-1' });
    const [record] = await store.erasureRecords(1);
    expect(record).toMatchObject({ idHash: erasureHash('a-configured-salt-1234', 'p1'), role: 'operator', requestedBy: expect.stringMatching(/^cli:/) });
    expect(reasons).toEqual([`erasure ${record!.idHash.slice(0, 12)} (former contacts rescored)`]);
    expect(reasons[0]).not.toContain('p1');
  });

  it('keeps the erasure and says so when the queue is away; an unknown id is one line', async () => {
    queueAway = true;
    await run('erase', 'p1', '--yes');
    expect(out[0]).toMatch(/^erased "p1": .*1 former contacts to rescore$/);
    expect(err).toEqual(['tiescore: Redis is not reachable; the next scheduled recompute rescores the former contacts']);
    expect(await store.getPerson('p1')).toBeUndefined();
    await expect(run('erase', 'p1', '--yes')).rejects.toThrow(new CliError('no person "p1"'));
  });
});
