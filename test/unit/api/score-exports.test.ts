/**
 * `GET /v1/runs/{id}/scores`: the run's scores streamed as NDJSON or CSV, resumable, recorded,
 * and shown once in each included person's access log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExport, roundDimension, type ScoreExportRow } from '../../../src/privacy/score-export-rows.js';
import { problemOf, startHarness, SUBJECT, type Harness } from './harness.js';

describe('GET /v1/runs/{id}/scores', () => {
  let h: Harness;
  let all: ScoreExportRow[];
  let firstExportId: string;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const get = (query: string, headers: Record<string, string> = {}, key = h.keys.batch) => h.call('GET', `/v1/runs/published/scores?${query}`, { key, headers });

  it('streams every scored person as NDJSON, in seq order, equal to the stored scores', async () => {
    const response = await get('purpose=nightly%20decisions');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    firstExportId = response.headers.get('tiescore-export-id')!;
    expect(firstExportId).toMatch(/^exp-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    all = parseExport(await response.text(), 'ndjson');
    const run = (await h.store.publishedRun())!;
    const stored = await h.store.scoresInSeqRange(run, 0, await h.store.seqBound());
    expect(all).toHaveLength(300);
    expect(all).toEqual(
      stored.map((s) => ({
        seq: s.seq,
        personId: s.personId,
        score: s.score,
        band: s.band,
        dimensions: Object.fromEntries(Object.entries(s.dimensions).map(([d, v]) => [d, roundDimension(v)])),
        reasonCodes: s.reasonCodes.map((rc) => rc.code),
      })),
    );
    expect(all.map((row) => row.seq)).toEqual([...all.map((row) => row.seq)].sort((x, y) => x - y));
  });

  it('records the export: who, when, purpose, how many', async () => {
    const [record] = (await h.store.listScoreExports(10)).filter((x) => x.id === firstExportId);
    const keyId = h.keys.batch.split('_')[1];
    expect(record).toMatchObject({ runId: (await h.store.publishedRun())!.id, via: 'api', actor: keyId, role: 'batch', purpose: 'nightly decisions', format: 'ndjson', rows: 300, status: 'complete', fromSeq: 0, toSeq: 299 });
    expect(Date.parse(record!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(record!.startedAt));
  });

  it('answers the same rows as CSV by content negotiation', async () => {
    const response = await get('purpose=csv%20check', { accept: 'text/csv' });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    expect(text.split('\r\n')[0]).toBe('seq,person_id,score,band,history,behaviour,capacity,identity,network,reason_codes');
    expect(parseExport(text, 'csv')).toEqual(all);
  });

  it('resumes after a cursor and stops at a limit', async () => {
    const cursor = all[41]!.seq;
    const rest = parseExport(await (await get(`purpose=resume&cursor=${cursor}`)).text(), 'ndjson');
    expect(rest).toEqual(all.slice(42));
    const some = parseExport(await (await get(`purpose=resume&cursor=${cursor}&limit=7&format=ndjson`)).text(), 'ndjson');
    expect(some).toEqual(all.slice(42, 49));
    const [record] = await h.store.listScoreExports(1);
    expect(record).toMatchObject({ rows: 7, fromSeq: cursor + 1, toSeq: all[48]!.seq, status: 'complete' });
  });

  it('shows each export that included a subject once in their access log, and no other', async () => {
    const response = await h.call('GET', `/v1/persons/${SUBJECT}/access-log?limit=100`, { key: h.keys.subject });
    const { entries } = (await response.json()) as { entries: { kind: string; exportId?: string; purpose?: string; role: string }[] };
    const exports = entries.filter((entry) => entry.kind === 'score-export');
    // SUBJECT (seq 0) was in the first two exports, not in the resumed ones.
    expect(exports.map((entry) => entry.purpose).sort()).toEqual(['csv check', 'nightly decisions']);
    expect(exports.filter((entry) => entry.exportId === firstExportId)).toEqual([
      expect.objectContaining({ kind: 'score-export', exportId: firstExportId, purpose: 'nightly decisions', role: 'batch' }),
    ]);
    // The data-subject export lists the same entries.
    const exported = (await (await h.call('GET', `/v1/persons/${SUBJECT}/export`, { key: h.keys.subject })).json()) as { accessLog: { kind: string; exportId?: string }[] };
    expect(exported.accessLog.filter((entry) => entry.kind === 'score-export').map((entry) => entry.exportId).sort()).toEqual(exports.map((entry) => entry.exportId).sort());
    const later = await h.call('GET', `/v1/persons/${all[45]!.personId}/access-log?limit=100`, { key: h.keys.analyst });
    const laterExports = ((await later.json()) as { entries: { kind: string }[] }).entries.filter((entry) => entry.kind === 'score-export');
    expect(laterExports).toHaveLength(4); // the first two, the resume and the limited resume (seq 42–48)
  });

  it('refuses bad input with a problem naming it', async () => {
    const noPurpose = await get('');
    expect(noPurpose.status).toBe(400);
    expect((await problemOf(noPurpose)).errors?.map((e) => e.field)).toEqual(['query.purpose']);
    const badCursor = await get('purpose=x%20y%20z&cursor=-1');
    expect((await problemOf(badCursor)).errors).toEqual([{ field: 'query.cursor', message: 'must be at least 0' }]);
    const json = await get('purpose=abc', { accept: 'application/json' });
    expect(json.status).toBe(406);
    expect((await problemOf(json)).type).toBe('https://tiescore.dev/problems/not-acceptable');
    const unknown = await h.call('GET', '/v1/runs/run-nope/scores?purpose=abc', { key: h.keys.batch });
    expect(unknown.status).toBe(404);
    const analyst = await get('purpose=abc', {}, h.keys.analyst);
    expect(analyst.status).toBe(403);
  });

  it('answers HEAD without making an export', async () => {
    const before = (await h.store.listScoreExports(100)).length;
    const response = await h.call('HEAD', '/v1/runs/published/scores?purpose=just%20looking', { key: h.keys.batch, headers: { accept: 'text/csv' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('tiescore-export-id')).toBeNull();
    expect(await h.store.listScoreExports(100)).toHaveLength(before);
  });

  it('refuses a run that is not complete', async () => {
    const run = (await h.store.publishedRun())!;
    await h.store.createRun({ ...run, id: 'run-running-1', status: 'running', lineage: ['run-running-1'], publishedAt: undefined });
    const response = await h.call('GET', '/v1/runs/run-running-1/scores?purpose=abc', { key: h.keys.admin });
    expect(response.status).toBe(409);
    expect((await problemOf(response)).detail).toBe('run run-running-1 is running; only a complete run can be exported');
  });
});
