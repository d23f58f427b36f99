/**
 * The fast path of row-cells.ts against the schemas it stands in for: whatever row it takes, the
 * schema takes too, with the same record (absent keys included); every row it is unsure of goes to
 * the schema, so refusals and their messages are the schema's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellsReader, fastRecord, UNSURE_RESULT } from '../../../src/import/row-cells.js';
import { DATA_FILE_KINDS, DATA_FILES, parseRow, type DataFileKind } from '../../../src/import/row-schemas.js';

/** Cells of every shape the columns meet: plain and padded, signs, exponents, odd spaces, edge dates. */
const CELL = fc.oneof(
  fc.constantFrom('', ' ', 'p1', 'p2', ' p1', 'p1 ', 'a b', 'x\u00a0', '\u2028y', 'é', 'p\u0001', 'A'.repeat(128), 'A'.repeat(129)),
  fc.constantFrom('0', '1', '00', '007', '0.5', '1.0', '1.5', '.5', '5.', '-0', '-1', '+1', '1e3', '0x10', 'Infinity', 'NaN', '2', '1900', '2100', '2101', '1899', '999999999', '1000000000', '1000000001', '1000000000000', '1000000000001', '12345678901234567', '0.0000000000000001'),
  fc.constantFrom('true', 'false', 'TRUE', 'True', ' true', 'yes', 'F', 'M', 'X', 'f', 'repaid_on_time', 'repaid_late', 'defaulted', 'blacklisted', 'Defaulted', 'court', ' court', 'court '),
  fc.constantFrom('2020-01-01', '2024-02-29', '2023-02-29', '2100-02-29', '2000-02-29', '1900-01-01', '1899-12-31', '2199-12-31', '2200-01-01', '2020-13-01', '2020-00-10', '2020-04-31', '2020-1-01', '2020/01/01', ' 2020-01-01', '2020-01-01 ', '２０２０-01-01'),
  fc.string({ maxLength: 6 }),
);

/** Plainly written values of a column, so that whole rows are often valid. */
function plain(column: string): fc.Arbitrary<string> {
  if (['id', 'a', 'b', 'from', 'to', 'person_id'].includes(column)) return fc.constantFrom('p1', 'p2', 'e-1', 'X_9');
  if (['since', 'at', 'last_at', 'account_created', 'until'].includes(column)) return fc.constantFrom('2020-01-01', '2024-02-29', '', '2027-06-30');
  if (['verified', 'defaulted'].includes(column)) return fc.constantFrom('true', 'false', '1', '0', '');
  if (column === 'kind') return fc.constantFrom('repaid_on_time', 'defaulted', 'blacklisted');
  if (column === 'source') return fc.constantFrom('bank', 'court registry');
  if (column === 'sex') return fc.constantFrom('F', 'M', 'X', '');
  return fc.constantFrom('0', '1', '3', '0.25', '1200.5', '1990', '');
}

const row = (kind: DataFileKind) =>
  fc.subarray([...DATA_FILES[kind].columns]).filter((columns) => DATA_FILES[kind].required.every((name) => columns.includes(name))).chain((columns) =>
    fc.tuple(fc.constant(columns), fc.tuple(...columns.map((column) => fc.oneof({ weight: 4, arbitrary: plain(column) }, { weight: 1, arbitrary: CELL })))),
  );

describe('row cells: the fast path never decides what the schema would decide otherwise', () => {
  for (const kind of DATA_FILE_KINDS) {
    it(`${kind}: a row the fast path takes is the schema's record, key for key`, () => {
      let taken = 0;
      fc.assert(
        fc.property(row(kind), ([columns, cells]) => {
          const fast = fastRecord(kind, columns, cells);
          if (fast === UNSURE_RESULT) return;
          taken++;
          const raw = Object.fromEntries(columns.map((name, i) => [name, cells[i]]));
          expect(parseRow(DATA_FILES[kind].schema as never, raw)).toStrictEqual({ ok: true, value: fast });
        }),
        { numRuns: 4000 },
      );
      expect(taken, 'the fast path took some rows').toBeGreaterThan(0);
    });
  }

  it('a clean row takes the fast path; a refused one carries the schema message', () => {
    expect(fastRecord('friendships', ['a', 'b', 'since'], ['p1', 'p2', '2020-01-01'])).toEqual({ a: 'p1', b: 'p2', since: '2020-01-01', interactions: 0 });
    const read = cellsReader('friendships', ['a', 'b', 'since']);
    expect(read(['p1', 'p1', '2020-01-01'])).toEqual({ ok: false, reason: 'b: a person cannot befriend themselves' });
    expect(read([' p1', 'p2', '2020-01-01'])).toEqual({ ok: true, value: { a: 'p1', b: 'p2', since: '2020-01-01', interactions: 0 } });
  });
});
