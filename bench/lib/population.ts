/**
 * Loads a synthetic population into a store for the benchmarks that need one (soak,
 * view-memory): written to a temporary directory and imported by the ordinary importer (upserts,
 * nothing wiped), then the directory is removed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../src/import/importer.js';
import type { Store } from '../../src/store/store.js';
import { generatePopulation } from '../../src/synth/population.js';
import { writePopulationFiles } from '../../src/synth/write-files.js';

export async function importSyntheticPopulation(store: Store, options: { persons: number; seed: number; asOf: string }): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tiescore-bench-population-'));
  try {
    await writePopulationFiles(generatePopulation(options), dir);
    const kinds = ['persons', 'friendships', 'transactions', 'events'] as const;
    await importFiles(store, Object.fromEntries(kinds.map((kind) => [kind, join(dir, `${kind}.csv`)])));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
