import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsrLayout, LinkColumns } from '../../../src/graph/csr.js';
import { nominalCsr, replaceLinks, withTrust } from '../../../src/graph/nominal-csr.js';
import { csrFromEntries } from '../../support/csr-fixtures.js';

type Link = [number, number, number];

const columns = (links: readonly Link[]): LinkColumns<Int32Array, Float64Array> => ({
  a: Int32Array.from(links.map((l) => l[0])),
  b: Int32Array.from(links.map((l) => l[1])),
  w: Float64Array.from(links.map((l) => l[2])),
});

/** Each row's entries as target → weight, and D, for comparing CSRs up to entry order. */
function rowsOf(csr: CsrLayout): { entries: Map<number, number>[]; degree: number[] } {
  const entries = Array.from({ length: csr.nodeCount }, (_, i) => {
    const row = new Map<number, number>();
    for (let e = csr.offsets[i]!; e < csr.offsets[i + 1]!; e++) {
      expect(row.has(csr.targets[e]!)).toBe(false); // repeated targets are merged
      row.set(csr.targets[e]!, csr.weights[e]!);
    }
    return row;
  });
  return { entries, degree: Array.from(csr.degree) };
}

/** `got` has the entries of `want` up to order, and D = `degree` (default want's). */
function expectSameGraph(got: CsrLayout, want: CsrLayout, degree: ArrayLike<number> = want.degree): void {
  expect(got.nodeCount).toBe(want.nodeCount);
  expect(got.symmetric).toBe(true);
  expect(got.offsets[got.nodeCount]).toBe(got.targets.length);
  const g = rowsOf(got);
  const w = rowsOf(want);
  for (let i = 0; i < want.nodeCount; i++) {
    expect([...g.entries[i]!.keys()].sort((x, y) => x - y)).toEqual([...w.entries[i]!.keys()].sort((x, y) => x - y));
    for (const [j, weight] of w.entries[i]!) expect(g.entries[i]!.get(j)).toBeCloseTo(weight, 12);
    expect(g.degree[i]).toBeCloseTo(degree[i]!, 12);
  }
}

const link = (n: number) => fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0, max: 2, noNaN: true }));

/**
 * A graph, persons whose links are replaced (maybe beyond the old n: new persons), their new
 * links, and which of them changed trust.
 */
const replacement = fc
  .record({ n: fc.integer({ min: 1, max: 25 }), grow: fc.integer({ min: 0, max: 4 }) })
  .chain(({ n, grow }) =>
    fc.record({
      n: fc.constant(n),
      size: fc.constant(n + grow),
      old: fc.array(link(n), { maxLength: 80 }),
      persons: fc.uniqueArray(fc.nat(n + grow - 1), { minLength: 1, maxLength: 6 }),
      fresh: fc.array(link(n + grow), { maxLength: 30 }),
      retrusted: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      keepOld: fc.boolean(),
    }),
  )
  .map(({ n, size, old, persons, fresh, retrusted, keepOld }) => {
    const replaced = new Set(persons);
    // Each new link touches a replaced person (the first end is moved onto one if it does not);
    // or, with keepOld, the replaced persons get their old links again (only their events changed).
    const links = keepOld
      ? old.filter(([a, b]) => replaced.has(a) || replaced.has(b))
      : fresh.map(([a, b, w], k): Link => (replaced.has(a) || replaced.has(b) ? [a, b, w] : [persons[k % persons.length]!, b, w]));
    const trustChanged = persons.filter((_, k) => retrusted[k]);
    return { n, size, old, persons, links, trustChanged };
  });

/** Row i's entries as sorted [target, weight] pairs (none beyond the CSR's persons). */
const entriesOf = (csr: CsrLayout, i: number) =>
  i >= csr.nodeCount ? [] : Array.from(csr.targets.subarray(csr.offsets[i]!, csr.offsets[i + 1]!), (j, k) => [j, csr.weights[csr.offsets[i]! + k]!]).sort((x, y) => x[0]! - y[0]!);

describe('replaceLinks', () => {
  it('equals building the graph again from its links with the replaced persons’ links swapped', () => {
    fc.assert(
      fc.property(replacement, ({ n, size, old, persons, links, trustChanged }) => {
        const replaced = new Set(persons);
        const before = nominalCsr(n, columns(old));
        const { contacts: got, change } = replaceLinks(before, persons, columns(links), { nodeCount: size, trustChanged });
        const kept = old.filter(([a, b]) => !replaced.has(a) && !replaced.has(b));
        expectSameGraph(got, nominalCsr(size, columns([...kept, ...links])));
        expectSameGraph(before, nominalCsr(n, columns(old))); // the input is not changed
        // A row not listed as rebuilt has the entries it had.
        const rebuilt = new Set(change.rows);
        for (let i = 0; i < size; i++) if (!rebuilt.has(i)) expect(entriesOf(got, i)).toEqual(entriesOf(before, i));
        if (change.rows.length === 0) expect(got.targets).toBe(before.targets); // nothing copied
        // Trust applied to the rebuilt rows only, the rest carried over: exactly a fresh application.
        const retrusted = new Set(trustChanged);
        const trustOf = (size: number) => Array.from({ length: size }, (_, i) => (retrusted.has(i) ? 0.25 : (i % 3) / 2));
        const trusted = withTrust(before, trustOf(n).map((t, i) => (retrusted.has(i) ? 0.75 : t)));
        const carried = withTrust(got, trustOf(size), { trusted, change });
        const fresh = withTrust(got, trustOf(size));
        expect(Array.from(carried.weights)).toEqual(Array.from(fresh.weights));
        expect(Array.from(carried.offsets)).toEqual(Array.from(fresh.offsets));
      }),
      { numRuns: 400 },
    );
  });

  it('rebuilds no row when the replaced persons keep their links and trust, and shares the trusted CSR', () => {
    const before = nominalCsr(6, columns([[0, 1, 1], [2, 3, 0.5], [4, 5, 0.25], [3, 4, 2]]));
    const trust = [1, 0.5, 1, 0.25, 1, 1];
    const trusted = withTrust(before, trust);
    const again = replaceLinks(before, [3], columns([[2, 3, 0.5], [4, 3, 2]]));
    expect(again.contacts).toBe(before);
    expect(again.change.rows).toHaveLength(0);
    expect(withTrust(again.contacts, trust, { trusted, change: again.change })).toBe(trusted);
    // The same with a new person (seq 6) without links: the entries are still shared.
    const grown = replaceLinks(before, [3, 6], columns([[2, 3, 0.5], [4, 3, 2]]), { nodeCount: 7 });
    expect(grown.contacts.targets).toBe(before.targets);
    expect(Array.from(grown.contacts.offsets)).toEqual([...Array.from(before.offsets), 8]);
    expect(withTrust(grown.contacts, [...trust, 0.5], { trusted, change: grown.change }).weights).toBe(trusted.weights);
    // A change of trust rebuilds the rows linking the person, though their entries did not change.
    const retrusted = replaceLinks(before, [3], columns([[2, 3, 0.5], [4, 3, 2]]), { trustChanged: [3] });
    expect(Array.from(retrusted.change.rows)).toEqual([2, 3, 4]);
  });

  it('copies the rows it does not touch as they were', () => {
    const before = nominalCsr(6, columns([[0, 1, 1], [2, 3, 0.5], [4, 5, 0.25], [3, 4, 2]]));
    const { contacts: got, change } = replaceLinks(before, [0], columns([[0, 5, 1]]));
    expect(Array.from(change.rows)).toEqual([0, 1, 5]);
    for (const i of [2, 3]) {
      expect(Array.from(got.targets.subarray(got.offsets[i]!, got.offsets[i + 1]!))).toEqual(Array.from(before.targets.subarray(before.offsets[i]!, before.offsets[i + 1]!)));
    }
    expect(rowsOf(got).entries[1]!.size).toBe(0);
    expect(rowsOf(got).entries[5]!.get(0)).toBe(1);
    expect(got.degree[5]).toBeCloseTo(1.25, 12);
  });

  it('refuses links that touch no replaced person and persons out of range', () => {
    const before = nominalCsr(4, columns([[0, 1, 1]]));
    expect(() => replaceLinks(before, [0], columns([[2, 3, 1]]))).toThrow(/^csr: link \(2, 3\) touches no replaced person/);
    expect(() => replaceLinks(before, [4], columns([]))).toThrow(/^csr: replaced person 4 is outside 0\.\.3/);
    expect(() => replaceLinks(before, [0], columns([[0, 9, 1]]))).toThrow(/^csr: link \(0, 9\) names a person outside/);
    expect(() => replaceLinks(before, [0], columns([[0, 1, -1]]))).toThrow(/^csr: link \(0, 1\) has weight -1/);
    expect(() => replaceLinks(before, [0], columns([]), { trustChanged: [1] })).toThrow(/^csr: person 1 changed trust but is not replaced/);
    expect(() => replaceLinks(before, [0], columns([]), { nodeCount: 3 })).toThrow(/^csr: replaceLinks can grow 4 persons, not change them to 3/);
  });
});

describe('withTrust', () => {
  it('weights each entry i → j by the contact j’s trust, keeping the nominal D and sharing the structure', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((n) => fc.tuple(fc.constant(n), fc.array(link(n), { maxLength: 60 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }))),
        ([n, links, trust]) => {
          const nominal = nominalCsr(n, columns(links));
          const got = withTrust(nominal, trust);
          const ends = (k: 0 | 1) => links.map((l) => l[k]);
          const want = csrFromEntries(n, [...ends(0), ...ends(1)], [...ends(1), ...ends(0)], [...links.map(([, b, w]) => w * trust[b]!), ...links.map(([a, , w]) => w * trust[a]!)]);
          expectSameGraph(got, want, nominal.degree);
          expect(got.targets).toBe(nominal.targets);
          expect(got.offsets).toBe(nominal.offsets);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses trust outside [0, 1] or of the wrong length', () => {
    const nominal = nominalCsr(2, columns([[0, 1, 1]]));
    expect(() => withTrust(nominal, [1, 1.5])).toThrow(/^csr: trust of person 1 is 1.5, outside \[0, 1\]/);
    expect(() => withTrust(nominal, [1])).toThrow(/^csr: trust has 1 entries for 2 persons/);
  });
});
