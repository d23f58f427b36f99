// A full run's SCORE chunk (src/jobs/recompute/score-chunk.ts) from what its SNAPSHOT read — own
// parts and person ids — reads no person from the store, and its tally counts the scores the
// store wrote: not a person erased after the snapshot, whom the write skips.
import { describe, expect, it } from 'vitest';
import { createRunRecord } from '../../../../src/jobs/recompute/run-lifecycle.js';
import { scoreChunk, snapshotIdsOf } from '../../../../src/jobs/recompute/score-chunk.js';
import { readSnapshotImageWithParts } from '../../../../src/jobs/recompute/snapshot.js';
import { loadModel } from '../../../../src/score/index.js';
import { MemoryStore } from '../../../../src/store/memory/memory-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../../support/synthetic-store.js';

describe('scoreChunk from a snapshot', () => {
  it('scores from the snapshot\'s own parts and ids, and tallies only the scores written', async () => {
    const model = await loadModel();
    const store = new MemoryStore();
    await loadSyntheticPopulation(store, 60, 5);
    const { image, ownParts } = await readSnapshotImageWithParts(store, model, SYNTH_AS_OF);
    const run = await createRunRecord(store, model, { asOf: SYNTH_AS_OF });
    const erased = image.ids[17]!;
    await store.erasePerson(erased, { idHash: 'ab'.repeat(32), at: '2026-07-01T00:00:00.000Z', requestedBy: 'test', role: 'admin' });
    store.personIdsInSeqRange = () => Promise.reject(new Error('a chunk with the snapshot\'s ids read ids from the store'));
    const persons = { fromSeq: 0, toSeq: image.ids.length };
    const tally = await scoreChunk(store, { run, model, persons, networkOf: () => 0.5, prior: 0.5, ownParts, snapshotIds: snapshotIdsOf(image.ids) });
    const stored = await store.scoresInSeqRange(run, 0, image.ids.length);
    expect(stored.map((s) => s.personId)).toEqual(image.ids.filter((id) => id !== undefined && id !== erased));
    expect(tally.count).toBe(stored.length);
    expect(tally.count).toBe(59);
  });
});
