// An incremental run after a batch of changes serves, for every person, the score a full
// recompute gives (within 1 point), while rescoring only the dirty persons and those the push
// from them reaches.
import { describe, expect, it } from 'vitest';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import type { SnapshotImage } from '../../../src/jobs/recompute/snapshot-image.js';
import { MemorySnapshotImages } from '../../../src/jobs/recompute/snapshot-images.js';
import { loadModel } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { event, person } from '../../contract/store-contract.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

const PERSONS = 2000;

/** Images kept without their own parts: what a worker that loads an image from Redis has. */
class ForgetfulImages extends MemorySnapshotImages {
  override save(runId: string, image: SnapshotImage): Promise<void> {
    const { ownParts: _ownParts, ...rest } = image;
    return super.save(runId, rest);
  }
}

/** Counts the store's reads of records (persons with their events) by seq from now on. */
function countRecordReads(store: MemoryStore): () => number {
  let calls = 0;
  const read = store.personsWithEventsAtSeqs.bind(store);
  store.personsWithEventsAtSeqs = (seqs) => {
    calls++;
    return read(seqs);
  };
  return () => calls;
}
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('incremental recompute', () => {
  it('matches a full recompute within 1 point for everyone', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, PERSONS, 9);
    const full0 = await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
    await pause();

    // A night's changes: new defaults, a lost verification, disputes upheld, new friendships and
    // payments, and new persons joining with contacts.
    const ids = full0.snapshot.ids as string[];
    const pick = (k: number) => ids[(k * 7919) % PERSONS]!;
    await store.upsertEvents(Array.from({ length: 15 }, (_, k) => event(`new-default-${k}`, pick(k), { kind: 'defaulted', at: '2026-05-01', amount: 900 })));
    for (let k = 15; k < 20; k++) await store.upsertPersons([{ ...(await store.getPerson(pick(k)))!, verified: false }]);
    const disputed = (await store.eventsOf(pick(20))).concat(await store.eventsOf(pick(21))).filter((e) => e.kind !== 'repaid_on_time');
    for (const e of disputed) await store.setEventStatus(e.id, 'removed');
    await store.upsertFriendships(Array.from({ length: 10 }, (_, k) => ({ a: pick(30 + k), b: pick(60 + k), since: '2026-06-01', interactions: 40 })));
    await store.upsertTransactions([{ from: pick(90), to: pick(91), count: 12, amount: 5000, lastAt: '2026-06-20' }]);
    await store.upsertPersons(Array.from({ length: 5 }, (_, k) => person(`newcomer-${k}`, { accountCreated: '2026-06-01', verified: k % 2 === 0 })));
    await store.upsertFriendships(Array.from({ length: 5 }, (_, k) => ({ a: `newcomer-${k}`, b: pick(100 + k), since: '2026-06-10', interactions: 20 })));

    const incremental = await recomputeInline(store, model, { kind: 'incremental' });
    expect(incremental.run).toMatchObject({ kind: 'incremental', asOf: SYNTH_AS_OF, lineage: [incremental.run.id, full0.run.id] });
    const stats = incremental.run.stats as { dirty: number; reached: number; snapshot: string; rescored: { scored: number } };
    // The base run's image was kept and patched with the dirty persons, not read again.
    expect(stats.snapshot).toBe('patched');
    const touched = new Set([
      ...Array.from({ length: 20 }, (_, k) => pick(k)),
      ...disputed.map((e) => e.personId),
      ...Array.from({ length: 10 }, (_, k) => [pick(30 + k), pick(60 + k)]).flat(),
      pick(90),
      pick(91),
      ...Array.from({ length: 5 }, (_, k) => [`newcomer-${k}`, pick(100 + k)]).flat(),
    ]);
    expect(stats.dirty).toBe(touched.size);
    expect(stats.rescored.scored).toBe(await store.countScores(incremental.run.id));
    expect(stats.rescored.scored).toBeLessThan(PERSONS / 4);
    expect((await store.publishedRun())?.id).toBe(incremental.run.id);

    const full = await recomputeInline(store, model, { asOf: SYNTH_AS_OF, publish: false });
    const served = await store.scoresInSeqRange(incremental.run, 0, PERSONS + 5);
    const truth = await store.scoresInSeqRange(full.run, 0, PERSONS + 5);
    expect(served).toHaveLength(PERSONS + 5);
    let worst = 0;
    let changed = 0;
    const before = new Map((await store.scoresInSeqRange(full0.run, 0, PERSONS)).map((s) => [s.personId, s.score]));
    for (const [k, score] of served.entries()) {
      const exact = truth[k]!;
      expect(score.personId).toBe(exact.personId);
      worst = Math.max(worst, Math.abs(score.score - exact.score));
      if (before.get(exact.personId) !== exact.score) changed++;
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(changed).toBeGreaterThan(15); // the changes did move scores: the test is not vacuous
  }, 120_000); // three runs over 2,000 persons: seconds alone, much longer on a busy machine

  it('keeps, along a lineage, the network value each person is served under (what the next plan compares against)', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, 1000, 4);
    const images = new MemorySnapshotImages();
    const full = await recomputeInline(store, model, { asOf: SYNTH_AS_OF, images });
    const ids = full.snapshot.ids as string[];
    let last = full.run;
    for (let round = 0; round < 3; round++) {
      await pause();
      await store.upsertEvents(Array.from({ length: 5 }, (_, k) => event(`lineage-default-${round}-${k}`, ids[(round * 131 + k * 197) % 1000]!, { kind: 'defaulted', at: '2026-05-01', amount: 900 })));
      await store.upsertFriendships([{ a: ids[round * 7]!, b: ids[500 + round * 7]!, since: '2026-06-01', interactions: 30 }]);
      last = (await recomputeInline(store, model, { kind: 'incremental', images })).run;
      expect(last.stats).toMatchObject({ snapshot: 'patched' });
    }
    const served = (await images.load(last.id))!.served!;
    const scores = await store.scoresInSeqRange(last, 0, 1000);
    expect(scores).toHaveLength(1000);
    for (const score of scores) expect(served[score.seq]).toBeCloseTo(score.dimensions.network, 12);
  }, 60_000);

  it('scores its targets from the kept own parts exactly as from their records, and reads no records for them', async () => {
    const model = await loadModel();
    // Two identical stores; the second's images forget their own parts, as an image read from Redis has none.
    const stores = [new MemoryStore(), new MemoryStore()];
    const images = [new MemorySnapshotImages(), new ForgetfulImages()];
    const runs = [];
    for (const [k, store] of stores.entries()) {
      await loadSyntheticPopulation(store, 1000, 6);
      const full = await recomputeInline(store, model, { asOf: SYNTH_AS_OF, images: images[k]! });
      const ids = full.snapshot.ids as string[];
      await pause();
      await store.upsertEvents(Array.from({ length: 8 }, (_, j) => event(`parts-default-${j}`, ids[(j * 211) % 1000]!, { kind: 'defaulted', at: '2026-05-01', amount: 700 })));
      await store.upsertPersons([{ ...(await store.getPerson(ids[5]!))!, verified: false }, person('parts-newcomer', { accountCreated: '2026-06-01' })]);
      await store.upsertFriendships([{ a: 'parts-newcomer', b: ids[9]!, since: '2026-06-10', interactions: 20 }]);
      const reads = countRecordReads(store);
      runs.push({ store, run: (await recomputeInline(store, model, { kind: 'incremental', images: images[k]! })).run, reads: reads() });
    }
    const [withParts, withoutParts] = runs as [(typeof runs)[0], (typeof runs)[0]];
    // SNAPSHOT reads the dirty persons' records once; without own parts SCORE reads its targets' again.
    expect(withParts.reads).toBe(1);
    expect(withoutParts.reads).toBe(2);
    const scored = await withParts.store.scoresInSeqRange(withParts.run, 0, 1001);
    const expected = await withoutParts.store.scoresInSeqRange(withoutParts.run, 0, 1001);
    expect(scored.map(({ runId: _r, ...score }) => score)).toEqual(expected.map(({ runId: _r, ...score }) => score));
    expect(scored.find((score) => score.personId === 'parts-newcomer')).toBeDefined();
  }, 60_000);

  it('refuses to build on nothing', async () => {
    const store = new MemoryStore();
    await expect(recomputeInline(store, await loadModel(), { kind: 'incremental' })).rejects.toThrow(/needs a published run/);
  });
});
