// `tiescore import DIR` killed with SIGKILL half-way and run again ends in the same state as one
// clean import into an empty database: the same persons with the same seqs, edges and events,
// no duplicates (compared by counts, rows read back and a content hash).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { importFiles } from '../../src/import/importer.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { migrateSchema } from '../../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { generatePopulation } from '../../src/synth/population.js';
import { writePopulationFiles } from '../../src/synth/write-files.js';
import { startCli } from '../support/cli-process.js';
import { digestStore } from '../support/store-digest.js';
import { SYNTH_AS_OF } from '../support/synthetic-store.js';
import { until } from '../support/until.js';

/** Big enough that the import runs for several progress lines (one every 5 s off a terminal). */
const PERSONS = 3000;
const config = loadConfig();

describe('import killed half-way and run again', () => {
  let store: Neo4jStore;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiescore-test-import-'));
    await writePopulationFiles(generatePopulation({ persons: PERSONS, seed: 3, asOf: SYNTH_AS_OF }), dir);
    store = await Neo4jStore.open(config);
    await store.wipeAll();
    const connection = await connectNeo4j(config);
    await migrateSchema(connection.driver, connection.database).finally(() => connection.close());
  });

  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends with the same nodes, edges and events as one clean import', async () => {
    // Small batches: many transactions, so the kill lands between some of them and maybe inside one.
    // Killed once the edges are under way: its progress line says so (the first at once, then
    // one every 5 s off a terminal), or the store already holds some of them — whichever comes first, since a quiet
    // machine imports this population in a few seconds.
    const killed = startCli(['import', dir, '--batch-size', '500']);
    await until('the import to be writing edges', async () => {
      if (killed.child.exitCode !== null) throw new Error(`the import finished before it could be killed:\n${killed.stderr()}`);
      // Under 100%, with rows written (the line at a file's start says "writing the first batch…").
      if (/importing (friendships|transactions|events): \d{1,2}% \| \d/.test(killed.stderr())) return true;
      return (await store.counts()).friendships > 0 || undefined;
    }, 120_000);
    await killed.kill('SIGKILL');
    const partial = await store.counts();
    expect(partial.persons).toBe(PERSONS);
    expect(partial.friendships + partial.transactions + partial.events).toBeGreaterThan(0);

    const again = startCli(['import', dir]);
    expect(await again.exited, again.stderr()).toBe(0);
    const resumed = await digestStore(store);

    await store.wipeAll();
    const kinds = ['persons', 'friendships', 'transactions', 'events'] as const;
    const clean = await importFiles(store, Object.fromEntries(kinds.map((k) => [k, join(dir, `${k}.csv`)])));
    expect(clean.rejected).toBe(0);
    const reference = await digestStore(store);

    const created = Object.fromEntries(clean.files.map((file) => [file.kind, file.created]));
    expect(reference.counts).toEqual({ persons: created.persons, friendships: created.friendships, transactions: created.transactions, events: created.events });
    expect(reference.rows).toEqual(reference.counts);
    expect(resumed.counts).toEqual(reference.counts);
    expect(resumed.rows).toEqual(reference.rows);
    expect(resumed.sha256).toBe(reference.sha256);
    expect(partial.friendships + partial.transactions + partial.events).toBeLessThan(reference.counts.friendships + reference.counts.transactions + reference.counts.events);
  }, 300_000);
});
