/** The score export without HTTP: its pages, its record when stopped early, its encodings, and the CLI's inputs. */
import { beforeAll, describe, expect, it } from 'vitest';
import { exportTarget } from '../../../src/cli/commands/scores.js';
import { parseIdsText } from '../../../src/cli/score-ids-file.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { accessLogWithExports } from '../../../src/privacy/access-log-with-exports.js';
import { exportLine, exportPreamble, exportRowOf, parseExport, type ScoreExportRow } from '../../../src/privacy/score-export-rows.js';
import { startScoreExport } from '../../../src/privacy/score-export.js';
import { loadModel } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

describe('startScoreExport', () => {
  const store = new MemoryStore();
  beforeAll(async () => {
    await loadSyntheticPopulation(store, 120, 3);
    await recomputeInline(store, await loadModel(), { asOf: SYNTH_AS_OF });
  }, 60_000);
  const request = async () => ({ run: (await store.publishedRun())!, format: 'ndjson' as const, via: 'cli' as const, actor: 'cli:test', role: 'admin' as const, purpose: 'unit test', pageSize: 25 });

  it('reads page by page and gives the same rows whatever the page size', async () => {
    const read = async (pageSize: number) => {
      const { chunks } = await startScoreExport(store, { ...(await request()), pageSize });
      let text = '';
      for await (const chunk of chunks) text += chunk;
      return parseExport(text, 'ndjson');
    };
    const small = await read(7);
    expect(small).toHaveLength(120);
    expect(await read(1000)).toEqual(small);
  });

  it('records an export stopped early as interrupted, covering the rows handed out', async () => {
    const { record, chunks } = await startScoreExport(store, await request());
    expect((await store.listScoreExports(1))[0]).toMatchObject({ id: record.id, status: 'running', fromSeq: 0, toSeq: 119, rows: 0 });
    await chunks.next(); // the first page: seqs 0–24
    await chunks.return();
    expect((await store.listScoreExports(1))[0]).toMatchObject({ id: record.id, status: 'interrupted', rows: 25, toSeq: 24 });
    const inside = (await store.personsInSeqRange(24, 25))[0]!.id;
    const outside = (await store.personsInSeqRange(25, 26))[0]!.id;
    expect((await accessLogWithExports(store, inside, 100)).filter((e) => e.exportId === record.id)).toHaveLength(1);
    expect((await accessLogWithExports(store, outside, 100)).filter((e) => e.exportId === record.id)).toHaveLength(0);
  });

  it('refuses a run that is not complete', async () => {
    const run = { ...(await request()).run, status: 'failed' as const };
    await expect(startScoreExport(store, { ...(await request()), run })).rejects.toThrow(/only a complete run can be exported/);
  });
});

describe('export encodings', () => {
  const row: ScoreExportRow = {
    seq: 7,
    personId: '=cmd,"x"',
    score: 612,
    band: 'good',
    dimensions: { history: 0.5, behaviour: 0.25, capacity: 1, identity: 0, network: 0.125 },
    reasonCodes: ['H_LATE', 'C_DEBT'],
  };

  it('rounds dimensions to 4 decimals and keeps only the reason codes', () => {
    const dimensions = { history: 0.36842105263, behaviour: 0.99995, capacity: 1, identity: 0, network: 0.00004 };
    const reasonCodes = [
      { code: 'B_BILLS', reason: 'bills paid late', pointsLost: 12.5 },
      { code: 'N_NETWORK', reason: 'contacts', pointsLost: 3 },
    ];
    expect(exportRowOf({ runId: 'r', personId: 'p1', seq: 3, score: 640, band: 'good', dimensions, reasonCodes, modelVersion: 'm' })).toEqual({
      seq: 3,
      personId: 'p1',
      score: 640,
      band: 'good',
      dimensions: { history: 0.3684, behaviour: 1, capacity: 1, identity: 0, network: 0 },
      reasonCodes: ['B_BILLS', 'N_NETWORK'],
    });
  });

  it('writes CSV a spreadsheet cannot run, and reads it back', () => {
    const text = exportPreamble('csv') + exportLine(row, 'csv');
    expect(text).toBe('seq,person_id,score,band,history,behaviour,capacity,identity,network,reason_codes\r\n7,"\'=cmd,""x""",612,good,0.5,0.25,1,0,0.125,H_LATE;C_DEBT\r\n');
    expect(parseExport(text, 'csv')).toEqual([row]);
    expect(parseExport(exportLine(row, 'ndjson'), 'ndjson')).toEqual([row]);
  });
});

describe('CLI inputs', () => {
  it('takes the format and compression from the file name', () => {
    expect(exportTarget('out/scores.csv')).toEqual({ format: 'csv', gzip: false });
    expect(exportTarget('scores.NDJSON.gz')).toEqual({ format: 'ndjson', gzip: true });
    expect(() => exportTarget('scores.json')).toThrow('--out scores.json: the name must end in .csv, .ndjson, .csv.gz or .ndjson.gz');
  });

  it('reads an ids file, skipping blanks and comments, naming bad lines', () => {
    const parsed = parseIdsText(`p1\n\n# comment\n  p2  \n${'x'.repeat(129)}\nbad\u0007id\n`, 'ids.txt');
    expect(parsed.ids).toEqual([
      { id: 'p1', line: 1 },
      { id: 'p2', line: 4 },
    ]);
    expect(parsed.problems).toEqual(['ids.txt:5: id must be at most 128 characters', 'ids.txt:6: id must not contain control characters']);
  });
});
