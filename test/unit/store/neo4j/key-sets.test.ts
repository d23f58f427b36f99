/** The first load's key sets against a plain `Set`. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setOfKeys, WholeNumberSet } from '../../../../src/store/neo4j/key-sets.js';

describe('key sets', () => {
  it('WholeNumberSet says what a Set says, through its growth, for seq pairs and any whole numbers below 2^53', () => {
    const pair = fc.tuple(fc.nat(2 ** 26 - 1), fc.nat(2 ** 26 - 1)).map(([a, b]) => a * 2 ** 26 + b);
    const key = fc.oneof(pair, fc.nat(40), fc.constantFrom(0, 2 ** 53 - 1, 2 ** 26, 2 ** 26 - 1));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
        const set = new WholeNumberSet();
        const oracle = new Set<number>();
        for (const k of keys) {
          const isNew = !oracle.has(k);
          oracle.add(k);
          expect(set.add(k)).toBe(isNew);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('WholeNumberSet keeps 200,000 keys (several doublings) exactly', () => {
    const set = new WholeNumberSet();
    for (let i = 0; i < 200_000; i++) expect(set.add(i * 2 ** 26 + ((i * 7919) % 1000))).toBe(true);
    for (let i = 0; i < 200_000; i += 997) expect(set.add(i * 2 ** 26 + ((i * 7919) % 1000))).toBe(false);
  });

  it('WholeNumberSet refuses what it cannot keep exactly', () => {
    expect(() => new WholeNumberSet().add(-1)).toThrow(RangeError);
    expect(() => new WholeNumberSet().add(0.5)).toThrow(RangeError);
    expect(() => new WholeNumberSet().add(2 ** 53)).toThrow(RangeError);
  });

  it('setOfKeys says whether a key is new', () => {
    const set = setOfKeys<string>();
    expect([set.add('a'), set.add('b'), set.add('a')]).toEqual([true, true, false]);
  });
});
