// `tiescore import` (the real command, as a process) on fuzzed files into Neo4j. Non-strict:
// the command exits 1 naming the refused lines and never prints a stack trace. Neo4j then holds
// exactly what importing only the accepted lines gives on the memory store. Strict, with a surely
// bad row: the command exits 1 and Neo4j is unchanged, node for node.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { importFiles, type ImportFiles } from '../../src/import/importer.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { connectNeo4j, type Neo4jConnection } from '../../src/store/neo4j/connection.js';
import { migrateSchema } from '../../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { startCli } from '../support/cli-process.js';
import { fuzzFile, KINDS, rejectedLines, storeRecords, surelyBadLines, writeFuzzFile, type FuzzFile } from '../support/import-fuzz.js';
import type { FuzzWorld } from '../support/route-fuzz.js';
import { neo4jStoreContent } from '../support/store-content.js';
import { loadSyntheticPopulation } from '../support/synthetic-store.js';

const config = loadConfig();
const world: FuzzWorld = { plausible: ['p00', 'p01', 'p02', 'p19', 'new-1', 'new-2', "o'brien", '`) MATCH (n) DETACH DELETE n //'], keys: {}, open: fc.constant(null), bodyLimit: 0 };

/** Seeded cases with at least one surely bad row and some rows of every file. */
function cases(seed: number): FuzzFile[][] {
  const arbitrary = fc.tuple(...KINDS.map((kind) => fuzzFile(kind, world))).filter((files) => files.some((f) => surelyBadLines(f).length > 0) && files.every((f) => f.rows.length >= 3));
  return fc.sample(arbitrary, { numRuns: 2, seed });
}

describe('tiescore import on fuzzed files (Neo4j)', () => {
  let dir: string;
  let store: Neo4jStore;
  let connection: Neo4jConnection;

  async function importCli(args: string[]) {
    const run = startCli(['import', ...args], {});
    const code = await run.exited;
    expect(run.stderr()).not.toMatch(/^\s+at /m); // one line per problem, never a stack trace
    return { code, stderr: run.stderr() };
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiescore-import-cli-fuzz-'));
    connection = await connectNeo4j(config);
    await migrateSchema(connection.driver, connection.database);
    store = await Neo4jStore.open(config);
    await store.wipeAll();
    await loadSyntheticPopulation(store, 20, 5);
  });
  afterAll(async () => {
    await store?.close();
    await connection?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('non-strict: Neo4j holds exactly the accepted lines', async () => {
    const [files] = cases(4141);
    const caseDir = await mkdtemp(join(dir, 'case-'));
    const replayDir = await mkdtemp(join(dir, 'replay-'));
    const paths: ImportFiles = {};
    for (const file of files!) paths[file.kind] = await writeFuzzFile(caseDir, file);
    const { code, stderr } = await importCli([caseDir]);
    expect(code).toBe(1);
    const messages = stderr.split('\n').filter((line) => line.startsWith(caseDir));
    const replay: ImportFiles = {};
    for (const file of files!) {
      const refused = rejectedLines(messages, paths[file.kind]!);
      for (const line of surelyBadLines(file)) expect(refused, `${file.kind} line ${line}`).toContain(line);
      replay[file.kind] = await writeFuzzFile(replayDir, file, (line) => !refused.has(line));
    }
    const memory = new MemoryStore();
    await loadSyntheticPopulation(memory, 20, 5);
    const replayMessages: string[] = [];
    await importFiles(memory, replay, { onRejected: (message) => replayMessages.push(message) });
    expect(replayMessages).toEqual([]);
    expect(await storeRecords(store)).toBe(await storeRecords(memory));
  });

  it('strict: a bad row and nothing is written', async () => {
    const [, files] = cases(4141);
    const caseDir = await mkdtemp(join(dir, 'strict-'));
    for (const file of files!) await writeFuzzFile(caseDir, file);
    const before = await neo4jStoreContent(connection);
    const { code, stderr } = await importCli([caseDir, '--strict']);
    expect(code).toBe(1);
    expect(stderr).toContain(caseDir);
    expect(await neo4jStoreContent(connection)).toBe(before);
  });
});
