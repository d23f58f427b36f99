/** A store loaded with a small synthetic population through the real importer (for tests). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../src/import/importer.js';
import type { Store } from '../../src/store/store.js';
import { generatePopulation } from '../../src/synth/population.js';
import { writePopulationFiles } from '../../src/synth/write-files.js';

export const SYNTH_AS_OF = '2026-06-30';

export async function loadSyntheticPopulation(store: Store, persons: number, seed: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tiescore-test-pop-'));
  try {
    await writePopulationFiles(generatePopulation({ persons, seed, asOf: SYNTH_AS_OF }), dir);
    const kinds = ['persons', 'friendships', 'transactions', 'events', 'outcomes'] as const;
    const summary = await importFiles(store, Object.fromEntries(kinds.map((kind) => [kind, join(dir, `${kind}.csv`)])), { strict: true });
    if (summary.rejected > 0 || summary.aborted) throw new Error(`synthetic import rejected ${summary.rejected} rows`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
