// A kept snapshot image patched with the persons that changed equals a fresh read of the whole
// store (the oracle), and survives the trip through its byte encoding unchanged.
import { describe, expect, it } from 'vitest';
import { nominalCsr } from '../../../../src/graph/index.js';
import { refreshSnapshotImage, readSnapshotImage } from '../../../../src/jobs/recompute/snapshot.js';
import { patchImage, snapshotOfImage, type SnapshotImage } from '../../../../src/jobs/recompute/snapshot-image.js';
import { decodeSnapshotImage, encodeSnapshotImage } from '../../../../src/jobs/recompute/snapshot-image-codec.js';
import { MemorySnapshotImages } from '../../../../src/jobs/recompute/snapshot-images.js';
import { loadModel } from '../../../../src/score/index.js';
import { MemoryStore } from '../../../../src/store/memory/memory-store.js';
import { event, person } from '../../../contract/store-contract.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../../support/synthetic-store.js';

/**
 * The contacts as sorted "i j w" lines and each row's "i D" (12 digits: sums of a pair's links
 * may round differently): entry order within a row is not part of an image's meaning.
 */
const contactLines = ({ contacts }: SnapshotImage) => {
  const lines: string[] = [];
  for (let i = 0; i < contacts.nodeCount; i++) {
    for (let e = contacts.offsets[i]!; e < contacts.offsets[i + 1]!; e++) lines.push(`${i} ${contacts.targets[e]} ${contacts.weights[e]!.toPrecision(12)}`);
    lines.push(`${i} D ${contacts.degree![i]!.toPrecision(12)}`);
  }
  return lines.sort();
};

function expectSameImage(actual: SnapshotImage, expected: SnapshotImage): void {
  expect(actual.ids).toEqual(expected.ids);
  expect(Array.from(actual.own)).toEqual(Array.from(expected.own));
  expect(Array.from(actual.verified)).toEqual(Array.from(expected.verified));
  expect(Array.from(actual.accountAgeDays)).toEqual(Array.from(expected.accountAgeDays));
  expect(contactLines(actual)).toEqual(contactLines(expected));
  expect(actual.edges).toEqual(expected.edges);
}

describe('snapshot images', () => {
  it('patched with the dirty persons, equals a fresh read of the store', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, 600, 4);
    const kept = await readSnapshotImage(store, model, SYNTH_AS_OF);
    const since = new Date(Date.now() + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const ids = kept.ids as string[];
    await store.upsertEvents([event('fresh-default', ids[3]!, { kind: 'defaulted', at: '2026-05-01', amount: 900 })]);
    await store.upsertPersons([{ ...(await store.getPerson(ids[4]!))!, verified: false }]);
    await store.upsertFriendships([{ a: ids[5]!, b: ids[6]!, since: '2026-06-01', interactions: 40 }]);
    const [friendship] = (await store.friendshipsTouchingSeqs([7])).filter((f) => f.a === 7 || f.b === 7);
    await store.upsertFriendships([{ a: ids[friendship!.a]!, b: ids[friendship!.b]!, since: friendship!.since, interactions: friendship!.interactions + 30 }]);
    await store.upsertTransactions([{ from: ids[8]!, to: ids[9]!, count: 12, amount: 5000, lastAt: '2026-06-20' }]);
    await store.upsertPersons([person('newcomer', { accountCreated: '2026-06-01' })]);
    await store.upsertFriendships([{ a: 'newcomer', b: ids[10]!, since: '2026-06-10', interactions: 20 }]);
    // An erased person leaves the image with every link they had.
    const erased = (await store.friendshipsTouchingSeqs([11])).length > 0 ? 11 : 12;
    await store.erasePerson(ids[erased]!, { idHash: 'ab'.repeat(32), at: new Date().toISOString(), requestedBy: 'test', role: 'admin' });

    const dirty = await store.dirtySeqsSince(since);
    expect(dirty.seqs).toContain(erased);
    expect(dirty.seqs.length).toBeGreaterThanOrEqual(10);
    // Person 3's events alone changed: their edges are not read again, and the image still comes out as a full read's.
    expect(dirty.seqs).toContain(3);
    expect(dirty.linkSeqs).not.toContain(3);
    expect(dirty.linkSeqs).toEqual(expect.arrayContaining([4, 5, 6, 7, 8, 9, 10, erased, ids.length]));
    const patched = await refreshSnapshotImage(store, model, kept, dirty);
    const fresh = await readSnapshotImage(store, model, SYNTH_AS_OF);
    expectSameImage(patched, fresh);
    expect(patched.ids[erased]).toBeUndefined();
    expect(contactLines(patched)).not.toEqual(contactLines(kept)); // the changes were real
    // The kept image itself is untouched.
    expect(kept.ids).toHaveLength(600);

    const a = snapshotOfImage(patched, model);
    const b = snapshotOfImage(fresh, model);
    expect(a.mu).toBeCloseTo(b.mu, 12);
    expect(a.csr.targets.length).toBe(b.csr.targets.length);
  });

  it('shares the contacts and the kernels’ CSR when only events changed; a change of trust rebuilds the rows linking the person', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, 300, 6);
    const kept = await readSnapshotImage(store, model, SYNTH_AS_OF);
    const base = { ...kept, trusted: snapshotOfImage(kept, model).csr };
    const ids = kept.ids as string[];
    const linked = [...Array(300).keys()].find((seq) => kept.contacts.offsets[seq + 1]! > kept.contacts.offsets[seq]!)!;

    let since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.upsertEvents([event('only-an-event', ids[linked]!, { kind: 'defaulted', at: '2026-05-01', amount: 900 })]);
    const edgeReads: number[][] = [];
    const counting = Object.assign(Object.create(store) as MemoryStore, {
      friendshipsTouchingSeqs: (seqs: readonly number[]) => (edgeReads.push([...seqs]), store.friendshipsTouchingSeqs(seqs)),
      transactionsTouchingSeqs: (seqs: readonly number[]) => (edgeReads.push([...seqs]), store.transactionsTouchingSeqs(seqs)),
    });
    const eventsOnly = await refreshSnapshotImage(counting, model, base, await store.dirtySeqsSince(since));
    expect(edgeReads).toEqual([]); // no edge of an events-only change read
    expect(eventsOnly.own[linked]).not.toBe(kept.own[linked]);
    expect(eventsOnly.contacts).toBe(kept.contacts);
    expect(eventsOnly.change!.rows).toHaveLength(0);
    expect(snapshotOfImage(eventsOnly, model, base).csr).toBe(base.trusted);
    // No seq changed hands: the ids are the base image's array, and encode (their JSON cached from the base's encoding) as they should.
    expect(eventsOnly.ids).toBe(kept.ids);
    expect(decodeSnapshotImage(encodeSnapshotImage(kept)).ids).toEqual(kept.ids);
    const decoded = decodeSnapshotImage(encodeSnapshotImage(eventsOnly));
    expectSameImage(decoded, eventsOnly);

    since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const stored = (await store.getPerson(ids[linked]!))!;
    await store.upsertPersons([{ ...stored, verified: !stored.verified }]);
    const retrusted = await refreshSnapshotImage(store, model, base, await store.dirtySeqsSince(since));
    const contacts = Array.from(kept.contacts.targets.subarray(kept.contacts.offsets[linked]!, kept.contacts.offsets[linked + 1]!));
    expect(Array.from(retrusted.change!.rows)).toEqual([linked, ...contacts].sort((a, b) => a - b));
    const carried = snapshotOfImage(retrusted, model, base).csr;
    const fresh = snapshotOfImage(await readSnapshotImage(store, model, SYNTH_AS_OF), model).csr;
    expect(carried.weights).not.toEqual(base.trusted.weights);
    expect(contactLines({ ...retrusted, contacts: { ...retrusted.contacts, weights: carried.weights } })).toEqual(
      contactLines({ ...retrusted, contacts: { ...fresh, kind: 'nominal', symmetric: true, weights: fresh.weights } }),
    );
  });

  it('drops an erased person and every link they had; the kernels see them at μ', async () => {
    const image: SnapshotImage = {
      asOf: SYNTH_AS_OF,
      modelVersion: 'm',
      ids: ['a', 'b', 'c'],
      own: Float64Array.of(0.5, 0.6, 0.7),
      verified: Uint8Array.of(1, 1, 0),
      accountAgeDays: Float64Array.of(400, 500, 600),
      contacts: nominalCsr(3, { a: Int32Array.of(0, 1, 0), b: Int32Array.of(1, 2, 2), w: Float64Array.of(1, 2, 3) }),
      edges: { friendships: 2, transactions: 1 },
    };
    const next = patchImage(image, { seqBound: 4, dirty: [1, 3], persons: [{ seq: 3, id: 'd', own: 0.9, verified: true, accountAgeDays: 10 }], links: { a: [3], b: [0], w: [4] }, edges: { friendships: 1, transactions: 1 } });
    expect(next.ids).toEqual(['a', undefined, 'c', 'd']);
    expect(Array.from(next.own)).toEqual([0.5, 0, 0.7, 0.9]);
    expect(contactLines(next)).toEqual(['0 2 3.00000000000', '0 3 4.00000000000', '0 D 7.00000000000', '1 D 0.00000000000', '2 0 3.00000000000', '2 D 3.00000000000', '3 0 4.00000000000', '3 D 4.00000000000']);
    expect(image.ids).toEqual(['a', 'b', 'c']);
    const snapshot = snapshotOfImage({ ...next, modelVersion: (await loadModel()).version }, await loadModel());
    expect(snapshot.persons).toBe(3);
    expect(snapshot.mu).toBeCloseTo((0.5 + 0.7 + 0.9) / 3, 15);
    expect(snapshot.own[1]).toBe(snapshot.mu);
    expect(snapshot.csr.offsets[2]! - snapshot.csr.offsets[1]!).toBe(0); // no contacts left

    // Links of persons outside `linkSeqs` stand; a trust change there is refused, as its links were not read.
    const eventsOnly = patchImage(image, { seqBound: 3, dirty: [0, 2], linkSeqs: [2], persons: [{ seq: 0, id: 'a', own: 0.1, verified: true, accountAgeDays: 400 }, { seq: 2, id: 'c', own: 0.7, verified: false, accountAgeDays: 600 }], links: { a: [2, 0], b: [1, 2], w: [2, 3] }, edges: { friendships: 2, transactions: 1 } });
    expect(contactLines(eventsOnly)).toEqual(contactLines({ ...image, contacts: nominalCsr(3, { a: Int32Array.of(0, 1, 0), b: Int32Array.of(1, 2, 2), w: Float64Array.of(1, 2, 3) }) }));
    expect(eventsOnly.own[0]).toBe(0.1);
    const retrusted = { seqBound: 3, dirty: [0], linkSeqs: [], persons: [{ seq: 0, id: 'a', own: 0.1, verified: false, accountAgeDays: 400 }], links: { a: [], b: [], w: [] }, edges: { friendships: 2, transactions: 1 } };
    expect(() => patchImage(image, retrusted)).toThrow(/changed trust but their links were not read again/);
  });

  it('round-trips through its byte encoding and refuses damaged bytes', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, 200, 5);
    const image = await readSnapshotImage(store, model, SYNTH_AS_OF);
    image.ids[17] = undefined; // an unused seq survives as undefined, not null
    const bytes = encodeSnapshotImage(image);
    const decoded = decodeSnapshotImage(bytes);
    expectSameImage(decoded, image);
    expect(contactLines(decoded)).toEqual(contactLines(image));
    expect(decoded).toMatchObject({ asOf: image.asOf, modelVersion: image.modelVersion });
    expect(() => decodeSnapshotImage(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => decodeSnapshotImage(Buffer.concat([bytes, Buffer.of(0)]))).toThrow(/trailing/);
    expect(() => decodeSnapshotImage(Buffer.from('not an image at all'))).toThrow(/not a snapshot image/);
    const outside = { ...image, contacts: { ...image.contacts, targets: image.contacts.targets.map((t, e) => (e === 3 ? image.ids.length : t)) } };
    expect(() => decodeSnapshotImage(encodeSnapshotImage(outside))).toThrow(/a contact lies outside the seqs/);
    const offsets = Int32Array.from(image.contacts.offsets);
    [offsets[5], offsets[6]] = [offsets[6]! + 1, offsets[5]!];
    expect(() => decodeSnapshotImage(encodeSnapshotImage({ ...image, contacts: { ...image.contacts, offsets } }))).toThrow(/offsets decrease/);
    expect(decoded.x).toBeUndefined();
    // With the x of its run's propagation (the next incremental run's warm start).
    const x = Float64Array.from(image.own, (b, seq) => b / 2 + seq);
    const withX = decodeSnapshotImage(encodeSnapshotImage({ ...image, x }));
    expectSameImage(withX, image);
    expect([...withX.x!]).toEqual([...x]);
    expect(withX.px).toBeUndefined();
    // And with its P·x (the next refinement's carried contact sums) and served network values.
    const px = Float64Array.from(x, (v) => v / 3);
    const served = Float64Array.from(x, (v) => v / 5);
    const withPx = decodeSnapshotImage(encodeSnapshotImage({ ...image, x, px, served }));
    expect([...withPx.x!]).toEqual([...x]);
    expect([...withPx.px!]).toEqual([...px]);
    expect([...withPx.served!]).toEqual([...served]);
    expect(() => encodeSnapshotImage({ ...image, x, px: px.subarray(1) })).toThrow(/px has 199 entries for 200 persons/);
  });

  it('keeps the newest images in memory and forgets all but the published one', async () => {
    const images = new MemorySnapshotImages(2);
    const image = { asOf: SYNTH_AS_OF } as SnapshotImage;
    for (const runId of ['r1', 'r2', 'r3']) await images.save(runId, image);
    expect(await images.load('r1')).toBeUndefined();
    expect(await images.load('r3')).toBe(image);
    await images.keepOnly(['r2']);
    expect(await images.load('r2')).toBe(image);
    expect(await images.load('r3')).toBeUndefined();
  });
});
