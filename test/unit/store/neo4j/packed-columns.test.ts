// The person columns of `tiescore.snapshot.persons` (src/store/neo4j/packed-columns.ts): string
// columns sent as lines (one string a column) read as the lists an older jar sends, empty lines
// as null; a column whose count of values disagrees with its rows is refused.
import { describe, expect, it } from 'vitest';
import { personsWithEventsOf, type PackedPersons } from '../../../../src/store/neo4j/packed-columns.js';

const base64 = (values: number[], Array: Int32ArrayConstructor | Float64ArrayConstructor) => Buffer.from(new Array(values).buffer).toString('base64');
const columns = {
  seqs: base64([3, 4], Int32Array),
  numbers: base64(Array.from({ length: 16 }, () => NaN), Float64Array),
  eventOwners: base64([1, 1], Int32Array),
  eventAmounts: base64([100, NaN], Float64Array),
  eventCodes: base64([0, 1, -1, 2, -1, 0, 1, -1, 2, -1], Int32Array),
  dictionary: ['defaulted', 'bank', '2026-01-02'],
};

describe('personsWithEventsOf', () => {
  it('reads string columns sent as lines as those sent as lists', () => {
    const lists: PackedPersons = { ...columns, ids: ['p3', 'p4'], accountCreated: ['2020-01-01', null], sex: [null, 'f'], eventIds: ['e1', 'e2'] };
    const lines: PackedPersons = { ...columns, ids: 'p3\np4', accountCreated: '2020-01-01\n', sex: '\nf', eventIds: 'e1\ne2' };
    const read = personsWithEventsOf(lines);
    expect(read).toEqual(personsWithEventsOf(lists));
    expect(read.map((p) => [p.person.id, p.person.accountCreated, p.person.sex, p.events.map((e) => e.id)])).toEqual([
      ['p3', '2020-01-01', undefined, []],
      ['p4', undefined, 'f', ['e1', 'e2']],
    ]);
    // Absent attributes are absent, not undefined, as toStoredPerson leaves them.
    expect('sex' in read[0]!.person || 'accountCreated' in read[1]!.person).toBe(false);
  });

  it('reads a batch without events, and refuses a column of the wrong length', () => {
    const none = { ...columns, eventOwners: '', eventAmounts: '', eventCodes: '', ids: 'p3\np4', accountCreated: '\n', sex: '\n', eventIds: '' };
    expect(personsWithEventsOf(none).map((p) => p.events.length)).toEqual([0, 0]);
    expect(() => personsWithEventsOf({ ...none, ids: 'p3' })).toThrow(/1 values for 2 rows/);
  });
});
