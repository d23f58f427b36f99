// `tiescore import --initial` (the real command, as a process) against a dev Neo4j of the test's
// own (scripts/services.sh in a temporary services folder: the bulk importer needs that DBMS
// stopped, and services.sh stops only the Neo4j it started there), beside the online import of the
// same files into the tests' Neo4j: the same graph — labels, types, every property with its type —
// the same rejections, and nothing touched when it refuses or `--strict` aborts.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { importFiles, type ImportFiles } from '../../src/import/importer.js';
import { cypher } from '../../src/store/neo4j/cypher.js';
import type { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { generatePopulation } from '../../src/synth/population.js';
import { writePopulationFiles } from '../../src/synth/write-files.js';
import { startCli } from '../support/cli-process.js';
import { openMigratedStore } from '../support/migrated-store.js';
import { startServicesNeo4j, type ServicesNeo4j } from '../support/services-neo4j.js';

const config = loadConfig();
const KINDS = ['persons', 'friendships', 'transactions', 'events', 'outcomes'] as const;

/** Every node and relationship with typed properties, one sorted line each (cypher/test/typed-graph). */
async function typedGraph(uri: string): Promise<string[]> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), { disableLosslessIntegers: true });
  try {
    const { records } = await driver.executeQuery(cypher('test/typed-graph'), {}, { database: config.NEO4J_DATABASE });
    return records
      .map((record) => {
        const props = (record.get('props') as [string, string, unknown][]).sort(([x], [y]) => (x < y ? -1 : 1));
        return JSON.stringify([record.get('kind'), record.get('labels'), record.get('start'), record.get('end'), props]);
      })
      .sort();
  } finally {
    await driver.close();
  }
}

async function schemaNames(uri: string): Promise<string[]> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD));
  try {
    const { records } = await driver.executeQuery(cypher('schema-describe'), {}, { database: config.NEO4J_DATABASE });
    return records.map((record) => `${record.get('kind')} ${record.get('definition')}`).sort();
  } finally {
    await driver.close();
  }
}

const filesIn = (dir: string): ImportFiles => Object.fromEntries(KINDS.map((kind) => [kind, join(dir, `${kind}.csv`)]));
const rejectionLines = (stderr: string, dir: string) => stderr.split('\n').filter((line) => line.startsWith(dir));

describe('tiescore import --initial (neo4j-admin database import full)', () => {
  let work: string;
  let good: string;
  let bad: string;
  let store: Neo4jStore;
  let own: ServicesNeo4j;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'tiescore-initial-test-'));
    good = join(work, 'good');
    bad = join(work, 'bad');
    await writePopulationFiles(generatePopulation({ persons: 300, seed: 5 }), good);
    // Repeated keys, as a delta appended to an export would bring them: the later row wins online.
    const [p0, p1] = (await readFile(join(good, 'persons.csv'), 'utf8')).split('\n').slice(1, 3).map((line) => line.split(',')[0]!);
    const [f0] = (await readFile(join(good, 'friendships.csv'), 'utf8')).split('\n').slice(1, 2).map((line) => line.split(','));
    const [t0] = (await readFile(join(good, 'transactions.csv'), 'utf8')).split('\n').slice(1, 2).map((line) => line.split(','));
    const [e0] = (await readFile(join(good, 'events.csv'), 'utf8')).split('\n').slice(1, 2).map((line) => line.split(','));
    await appendFile(join(good, 'persons.csv'), `${p0},false,,1234.5,,,,,,,\n"x,""quoted"" id",1,2020-02-29,1,2,3,0.5,0.25,2,1990,\n`);
    await appendFile(join(good, 'friendships.csv'), `${f0![1]},${f0![0]},2021-03-04,99\n`);
    await appendFile(join(good, 'transactions.csv'), `${t0![0]},${t0![1]},7,70.5,2026-01-02\n`);
    await appendFile(join(good, 'events.csv'), `${e0![0]},${p1},defaulted,2025-05-05,10,"court, ""A""",\nlisted-1,"x,""quoted"" id",blacklisted,2024-01-01,0,registry,2027-01-01\n`);
    await appendFile(join(good, 'outcomes.csv'), `${p0},1\n${p0},1\n`);

    await writePopulationFiles(generatePopulation({ persons: 30, seed: 6 }), bad);
    await appendFile(join(bad, 'persons.csv'), 'z1,maybe,,,,,,,,,\nz2,true,2020-13-01,,,,,,,,\n');
    await appendFile(join(bad, 'friendships.csv'), 'p0000,nobody,2020-01-01,1\np0001,p0001,2020-01-01,1\n');
    await appendFile(join(bad, 'events.csv'), 'ev-x,p0002,repaid_late,2020-01-01,-5,bank,\n');

    store = await openMigratedStore(config);
    own = await startServicesNeo4j();
  });
  afterAll(async () => {
    await store?.wipeAll();
    await store?.close();
    await own?.close();
    await rm(work, { recursive: true, force: true });
  });

  let online: string[];

  it('leaves the graph the online import of the same files leaves, migrated', async () => {
    const summary = await importFiles(store, filesIn(good), { erasureSalt: config.ERASURE_SALT });
    expect(summary.rejected).toBe(0);
    online = await typedGraph(config.NEO4J_URI);

    const run = startCli(['import', '--initial', good], own.env);
    expect(await run.exited, run.stderr()).toBe(0);
    expect(run.stdout()).toMatch(/rows read, 0 rejected, loaded with neo4j-admin database import full and migrated/);
    const bulk = await typedGraph(own.uri);
    expect(bulk.length).toBeGreaterThan(2_000);
    expect(bulk.filter((line) => line.startsWith('["node",["Person"]'))).toHaveLength(301);
    expect(bulk).toEqual(online);
    expect(await schemaNames(own.uri)).toEqual(await schemaNames(config.NEO4J_URI));
  });

  it('refuses a database that is not empty without --replace, and changes nothing', async () => {
    const run = startCli(['import', '--initial', good], own.env);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/^tiescore: import --initial: the database at bolt:\/\/127\.0\.0\.1:\d+ is not empty \(\d+ nodes\); give --replace/m);
    expect(await typedGraph(own.uri)).toEqual(online);
  });

  it('rejects bad rows with the online messages; --strict aborts before the database is touched', async () => {
    await store.wipeAll();
    const onlineStrict: string[] = [];
    const strict = await importFiles(store, filesIn(bad), { strict: true, erasureSalt: config.ERASURE_SALT, onRejected: (m) => onlineStrict.push(m) });
    expect(strict.aborted).toBe(true);
    expect(onlineStrict).toHaveLength(5);

    const run = startCli(['import', '--initial', '--replace', '--strict', bad], own.env);
    expect(await run.exited).toBe(1);
    expect(rejectionLines(run.stderr(), bad)).toEqual(onlineStrict);
    expect(run.stdout()).toMatch(/import aborted \(--strict\): 5 bad rows, nothing written/);
    expect(await typedGraph(own.uri)).toEqual(online);

    const onlineLenient: string[] = [];
    await importFiles(store, filesIn(bad), { erasureSalt: config.ERASURE_SALT, onRejected: (m) => onlineLenient.push(m) });
    const csv = join(work, 'csv');
    const lenient = startCli(['import', '--initial', '--csv-only', csv, bad], own.env);
    expect(await lenient.exited).toBe(1);
    expect(rejectionLines(lenient.stderr(), bad)).toEqual(onlineLenient);
    expect((await readFile(join(csv, 'import.args'), 'utf8')).split('\n')).toContain(`--nodes=${join(csv, 'persons.csv')}`);
    expect(await typedGraph(own.uri)).toEqual(online);
  });

  it('replaces a database with --replace', async () => {
    await writeFile(join(work, 'one.csv'), 'id\nsolo\n');
    const run = startCli(['import', '--initial', '--replace', '--persons', join(work, 'one.csv')], own.env);
    expect(await run.exited, run.stderr()).toBe(0);
    const graph = await typedGraph(own.uri);
    expect(graph.filter((line) => line.startsWith('["node",["Person"]'))).toEqual([JSON.stringify(['node', ['Person'], null, null, [['id', 'STRING NOT NULL', 'solo'], ['seq', 'INTEGER NOT NULL', 0], ['updatedAt', 'STRING NOT NULL', null]]])]);
    expect(graph.some((line) => line.includes('FRIEND'))).toBe(false);
  });
});
