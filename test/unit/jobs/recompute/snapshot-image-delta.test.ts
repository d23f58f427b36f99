// An image kept as its changes to another (src/jobs/recompute/snapshot-image-delta.ts): applied to
// its base it gives back the image's encoded fields exactly; refused where it cannot hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSnapshotImage } from '../../../../src/jobs/recompute/snapshot-image-codec.js';
import { applySnapshotImageDelta, encodeSnapshotImageDelta, isSnapshotImageDelta } from '../../../../src/jobs/recompute/snapshot-image-delta.js';
import type { SnapshotImage } from '../../../../src/jobs/recompute/snapshot-image.js';
import { testImage } from '../../../support/snapshot-image-fixture.js';

const base = (persons: number): SnapshotImage => ({
  ...testImage(persons, 2 * persons),
  edges: { friendships: 90, transactions: 10 },
  x: Float64Array.from({ length: persons }, (_, seq) => seq / persons),
  px: Float64Array.from({ length: persons }, (_, seq) => (seq % 3) / 3),
  served: Float64Array.from({ length: persons }, (_, seq) => (seq % 5 === 0 ? NaN : seq / (2 * persons))),
});

const roundTrip = (from: SnapshotImage, to: SnapshotImage) => applySnapshotImageDelta(from, Buffer.concat(encodeSnapshotImageDelta(from, to)!));

describe('snapshot image deltas', () => {
  it('gives back any change of the per-person arrays exactly, bits included, and leaves the base alone', () => {
    const persons = 300;
    const from = base(persons);
    const before = encodeSnapshotImage(from);
    const value = fc.oneof(fc.double(), fc.constant(-0), fc.constant(NaN));
    const change = fc.record({ field: fc.constantFrom('own', 'accountAgeDays', 'x', 'px', 'served', 'verified'), seq: fc.nat(persons - 1), value });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), fc.nat(1000), (changes, friendships) => {
        const to: SnapshotImage = { ...from, own: from.own.slice(), accountAgeDays: from.accountAgeDays.slice(), verified: from.verified.slice(), x: from.x!.slice(), px: from.px!.slice(), served: from.served!.slice(), edges: { friendships, transactions: 10 } };
        for (const { field, seq, value: v } of changes) {
          if (field === 'verified') to.verified[seq] = to.verified[seq]! ^ 1;
          else to[field]![seq] = v;
        }
        const back = roundTrip(from, to);
        // Byte for byte as the codec writes it: −0 stays −0 and NaN stays NaN.
        expect(encodeSnapshotImage(back).equals(encodeSnapshotImage(to))).toBe(true);
        expect(back.contacts).toBe(from.contacts);
        expect(back.ids).toBe(from.ids);
        expect(encodeSnapshotImage(from).equals(before)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('carries only what changed: a few entries of 100,000 persons in a few KB', () => {
    const from = base(100_000);
    const to = { ...from, own: from.own.slice(), px: from.px!.slice() };
    for (let seq = 0; seq < 100_000; seq += 1000) {
      to.own[seq] = 0.25;
      to.px[seq + 1] = 0.75;
    }
    const delta = Buffer.concat(encodeSnapshotImageDelta(from, to)!);
    expect(isSnapshotImageDelta(delta)).toBe(true);
    expect(delta.length).toBeLessThan(4_000);
    expect(encodeSnapshotImage(applySnapshotImageDelta(from, delta)).equals(encodeSnapshotImage(to))).toBe(true);
  });

  it('is no delta for other persons, other contacts or other arrays kept', () => {
    const from = base(50);
    expect(encodeSnapshotImageDelta(from, { ...from, ids: [...from.ids.slice(0, 49), 'someone-else'] })).toBeUndefined();
    expect(encodeSnapshotImageDelta(from, { ...from, ids: [...from.ids, 'p50'] })).toBeUndefined();
    expect(encodeSnapshotImageDelta(from, { ...from, contacts: base(50).contacts })).toBeUndefined();
    const { x: _x, ...withoutX } = from;
    expect(encodeSnapshotImageDelta(from, withoutX)).toBeUndefined();
    // The same ids in another array are the same persons.
    expect(encodeSnapshotImageDelta(from, { ...from, ids: [...from.ids] })).toBeDefined();
  });

  it('refuses a delta that does not fit its base, or is damaged', () => {
    const from = base(50);
    const delta = Buffer.concat(encodeSnapshotImageDelta(from, { ...from, own: from.own.map((b) => b / 2) })!);
    expect(() => applySnapshotImageDelta(base(51), delta)).toThrow(/for 50 persons/);
    const { served: _served, ...withoutServed } = from;
    expect(() => applySnapshotImageDelta(withoutServed, delta)).toThrow(/changes served, which its base lacks/);
    expect(() => applySnapshotImageDelta(from, delta.subarray(0, delta.length - 3))).toThrow(/truncated/);
    expect(() => applySnapshotImageDelta(from, Buffer.concat([delta, Buffer.alloc(2)]))).toThrow(/trailing/);
    expect(() => applySnapshotImageDelta(from, encodeSnapshotImage(from))).toThrow(/not a delta/);
  });
});
