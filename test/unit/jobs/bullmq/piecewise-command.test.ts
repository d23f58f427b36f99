// slicesOf: a byte string given as parts, cut into slices of views (piecewise-command.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slicesOf } from '../../../../src/jobs/bullmq/piecewise-command.js';

const bytesOf = (pieces: readonly Buffer[]) => Buffer.concat(pieces).toString('latin1');

describe('slicesOf', () => {
  it('cuts across parts, each slice as views of the parts it spans', () => {
    const parts = [Buffer.from('abc'), Buffer.from('de')];
    expect(slicesOf(parts, 2).map(bytesOf)).toEqual(['ab', 'cd', 'e']);
    expect(slicesOf(parts, 2)[1]!.map((piece) => piece.toString('latin1'))).toEqual(['c', 'd']);
    parts[0]![2] = 'x'.charCodeAt(0); // views, not copies
    expect(slicesOf(parts, 2)[1]![0]!.toString('latin1')).toBe('x');
  });

  it('gives no slice for nothing, and skips empty parts', () => {
    expect(slicesOf([], 4)).toEqual([]);
    expect(slicesOf([Buffer.alloc(0), Buffer.from('ab'), Buffer.alloc(0)], 4).map(bytesOf)).toEqual(['ab']);
  });

  it('keeps every byte in order, every slice full but the last (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), fc.integer({ min: 1, max: 50 }), (arrays, sliceBytes) => {
        const parts = arrays.map((array) => Buffer.from(array));
        const slices = slicesOf(parts, sliceBytes);
        expect(Buffer.concat(slices.map((slice) => Buffer.concat(slice))).equals(Buffer.concat(parts))).toBe(true);
        const sizes = slices.map((slice) => slice.reduce((sum, piece) => sum + piece.length, 0));
        expect(sizes.slice(0, -1).every((size) => size === sliceBytes)).toBe(true);
        expect(sizes.every((size) => size > 0 && size <= sliceBytes)).toBe(true);
      }),
    );
  });
});
