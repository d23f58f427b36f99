import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { csvField, exportCsvFiles, exportZip } from '../../../src/privacy/export-csv.js';
import { buildPersonExport } from '../../../src/privacy/person-export.js';
import type { PersonRecords } from '../../../src/store/store.js';
import { event, person } from '../../contract/store-contract.js';

const records: PersonRecords = {
  person: { ...person('p1'), seq: 7 },
  events: [event('e1', 'p1', { status: 'disputed' }), event('e2', 'p1', { kind: 'blacklisted', until: '2027-01-01', source: 'court, district 3' })],
  contacts: { contacts: 3, friendships: 2, payees: 1, paymentsMade: 4, amountPaid: 120.5, payers: 0, paymentsReceived: 0, amountReceived: 0 },
  scores: [
    {
      runId: 'r2', personId: 'p1', seq: 7, score: 655, band: 'very_good', modelVersion: 'm1',
      dimensions: { history: 0.5, behaviour: 0.6, capacity: 0.7, identity: 0.8, network: 0.55 },
      reasonCodes: [{ code: 'H_LATE', reason: 'Late repayments on record', pointsLost: 12.5 }],
    },
  ],
  consents: [{ id: 'c1', personId: 'p1', consumer: 'acme', purpose: 'loan', grantedAt: '2026-07-01T00:00:00.000Z', expiresAt: '2026-08-01T00:00:00.000Z' }],
  disputes: [{ id: 'd1', personId: 'p1', eventId: 'e1', reason: '=HYPERLINK("x") "not mine"', status: 'open', openedAt: '2026-07-02T00:00:00.000Z' }],
  accessLog: [{ personId: 'p1', at: '2026-07-03T00:00:00.000Z', kind: 'score', actor: 'k1', role: 'analyst' }],
};
const run = { id: 'r2', kind: 'full' as const, status: 'complete' as const, modelVersion: 'm1', asOf: '2026-06-30', startedAt: '2026-07-01T02:00:00.000Z', publishedAt: '2026-07-01T03:00:00.000Z', lineage: ['r2'], stats: {} };

describe('person export', () => {
  const doc = buildPersonExport(records, [run], new Date('2026-11-26T10:00:00.000Z'));

  it('holds the record without its internal seq, events with their disputes, and the runs of the scores', () => {
    expect(doc.person).toEqual(person('p1'));
    expect(doc.events.map((e) => [e.id, e.status, e.disputeIds])).toEqual([['e1', 'disputed', ['d1']], ['e2', 'active', []]]);
    expect(doc.scores[0]).toMatchObject({ runId: 'r2', runKind: 'full', asOf: '2026-06-30', published: true, publishedAt: run.publishedAt, score: 655 });
  });

  it('quotes CSV fields that need it and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(undefined)).toBe('');
    const files = exportCsvFiles(doc);
    expect(files['events.csv']).toBe(
      'id,person_id,kind,at,amount,source,until,status,dispute_ids\r\n' +
        'e1,p1,repaid_on_time,2025-03-01,250,bank-a,,disputed,d1\r\n' +
        'e2,p1,blacklisted,2025-03-01,250,"court, district 3",2027-01-01,active,\r\n',
    );
    expect(files['disputes.csv']!.split('\r\n')[1]).toBe(`d1,e1,"'=HYPERLINK(""x"") ""not mine""",open,2026-07-02T00:00:00.000Z,,,`);
    expect(files['scores.csv']!.split('\r\n')[1]).toBe('r2,full,2026-06-30,true,2026-07-01T03:00:00.000Z,655,very_good,0.5,0.6,0.7,0.8,0.55,m1,H_LATE,Late repayments on record,,,,,,');
  });

  it('zips the CSV files, which unzip to the same text', () => {
    const files = unzipSync(exportZip(doc));
    const expected = exportCsvFiles(doc);
    expect(Object.keys(files).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected)) expect(strFromU8(files[name]!)).toBe(text);
  });
});
