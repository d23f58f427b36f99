// The first load's CSV writer alone (no Neo4j): the upserts' rules applied to rows as they arrive —
// seqs in row order and kept, a repeated key replacing the earlier row in place, friendships once
// per unordered pair, events moving with their latest row — and the importer's arguments.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkCsvWriter } from '../../../../src/store/neo4j/bulk-csv-writer.js';

const NOW = '2026-12-01T00:00:00.000Z';

describe('BulkCsvWriter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiescore-bulk-csv-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const read = (file: string) => readFile(join(dir, file), 'utf8');

  it('writes typed headers, seqs in row order, and replaces a repeated key in place', async () => {
    const writer = await BulkCsvWriter.create(dir, NOW);
    expect(await writer.upsertPersons([{ id: 'b', incomeMonthly: 10 }, { id: 'a, "x"', verified: true }])).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await writer.upsertPersons([{ id: 'b', sex: 'F' }])).toEqual({ created: 0, updated: 1, unchanged: 0 });
    await writer.upsertFriendships([{ a: 'b', b: 'a, "x"', since: '2020-01-01', interactions: 2 }]);
    await writer.upsertFriendships([{ a: 'a, "x"', b: 'b', since: '2021-01-01', interactions: 3 }]);
    await writer.upsertEvents([{ id: 'e1', personId: 'b', kind: 'defaulted', at: '2020-01-01', amount: 5, source: 'bank', status: 'active' }]);
    await writer.upsertEvents([{ id: 'e1', personId: 'a, "x"', kind: 'defaulted', at: '2020-01-01', amount: 6, source: 'bank', status: 'active' }]);
    const input = await writer.finish();

    expect(await read('persons.csv')).toBe(
      'id:ID(Person),seq:long,verified:boolean,accountCreated,incomeMonthly:double,debtMonthly:double,assets:double,billsOnTimeRatio:double,activityRegularity:double,addressChanges:double,birthYear:double,sex,updatedAt,:LABEL\n' +
        `"b",0,,,,,,,,,,"F","${NOW}",Person\n` +
        `"a, ""x""",1,true,,,,,,,,,,"${NOW}",Person\n`,
    );
    expect(await read('friendships.csv')).toBe(`:START_ID(Person),:END_ID(Person),since,interactions:double,updatedAt,:TYPE\n"a, ""x""","b","2021-01-01",3,"${NOW}",FRIEND\n`);
    expect((await read('events.csv')).split('\n')[1]).toBe(`"e1","defaulted","2020-01-01",6,"bank",,"active","${NOW}",Event`);
    expect((await read('has-event.csv')).split('\n')[1]).toBe('"a, ""x""","e1",HAS_EVENT');
    expect(await read('counters.csv')).toBe('name,next:long,value:long,:LABEL\n"person",2,,Counter\n');
    expect(input.args).toContain(`--nodes=${join(dir, 'persons.csv')}`);
    expect(input.args).toContain(`--relationships=${join(dir, 'has-event.csv')}`);
    expect(input.args).toContain('--multiline-fields=false');
  });

  it('counts the outcomes revision once per round that changed something, as outcomes/upsert does', async () => {
    const writer = await BulkCsvWriter.create(dir, NOW);
    await writer.upsertOutcomes([{ personId: 'a', defaulted: true }, { personId: 'a', defaulted: true }]);
    await writer.upsertOutcomes([{ personId: 'a', defaulted: false }]);
    await writer.finish();
    expect(await read('counters.csv')).toBe('name,next:long,value:long,:LABEL\n"outcomes-revision",,2,Counter\n');
    expect(await read('outcomes.csv')).toBe(`personId,defaulted:boolean,updatedAt,:LABEL\n"a",false,"${NOW}",Outcome\n`);
  });
});
