/**
 * Fuzzed import files never crash the importer and never write a rejected row. For each case,
 * four files (CSV or NDJSON) are imported into a store holding a small population. The same
 * files are then imported again into a second copy of that store, with the lines the first
 * import refused taken out. Both stores must end with the same records: a refused row left no
 * trace, and an accepted one does not depend on the refused ones. Rows that are surely bad (a
 * required value missing, a person that exists nowhere, a date that does not exist, a line that
 * is not a row) must be among the refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportFiles } from '../../../src/import/importer.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { fuzzFile, KINDS, rejectedLines, storeRecords, surelyBadLines, writeFuzzFile, type FuzzFile } from '../../support/import-fuzz.js';
import type { FuzzWorld } from '../../support/route-fuzz.js';
import { loadSyntheticPopulation } from '../../support/synthetic-store.js';

const RUNS = 60;
const SEED = 9126;
const BASE_PERSONS = 20;

async function baseStore(): Promise<MemoryStore> {
  const store = new MemoryStore(() => '2026-07-01T00:00:00.000Z');
  await loadSyntheticPopulation(store, BASE_PERSONS, 5);
  return store;
}

describe('import fuzz (importer, memory store)', () => {
  let dir: string;
  const world: FuzzWorld = {
    // Stored persons, persons the files may add, and names that are neither.
    plausible: ['p00', 'p01', 'p02', 'p03', 'p19', 'new-1', 'new-2', "o'brien", 'x`) DETACH DELETE n //', 'é'],
    keys: {},
    open: fc.constant(null),
    bodyLimit: 0,
  };
  const tally = { rows: 0, refused: 0, cases: 0 };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiescore-import-fuzz-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a refused row leaves no trace; surely bad rows are refused; nothing throws', async () => {
    const cases = fc.tuple(...KINDS.map((kind) => fc.option(fuzzFile(kind, world), { freq: 5, nil: undefined })));
    await fc.assert(
      fc.asyncProperty(cases, fc.boolean(), async (files, smallBatches) => {
        const present = files.filter((file): file is FuzzFile => file !== undefined);
        const caseDir = await mkdtemp(join(dir, 'case-'));
        const replayDir = await mkdtemp(join(dir, 'replay-'));
        const paths: ImportFiles = {};
        for (const file of present) paths[file.kind] = await writeFuzzFile(caseDir, file);
        const messages: string[] = [];
        const batchSize = smallBatches ? 2 : 10_000;
        const first = await baseStore();
        const summary = await importFiles(first, paths, { batchSize, onRejected: (message) => messages.push(message) });

        const replay: ImportFiles = {};
        for (const file of present) {
          const refused = rejectedLines(messages, paths[file.kind]!);
          for (const line of surelyBadLines(file)) expect(refused, `${file.kind} line ${line} (${messages.join(' | ')})`).toContain(line);
          replay[file.kind] = await writeFuzzFile(replayDir, file, (line) => !refused.has(line));
        }
        const replayMessages: string[] = [];
        const second = await baseStore();
        await importFiles(second, replay, { batchSize, onRejected: (message) => replayMessages.push(message) });
        expect(replayMessages).toEqual([]);
        expect(await storeRecords(second)).toBe(await storeRecords(first));

        tally.cases++;
        tally.rows += summary.read;
        tally.refused += summary.rejected;
        await Promise.all([rm(caseDir, { recursive: true }), rm(replayDir, { recursive: true })]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // The cases were mixed: many rows written, many refused.
    expect(tally.refused).toBeGreaterThan(tally.rows / 5);
    expect(tally.refused).toBeLessThan(tally.rows * 0.9);
  });
});
