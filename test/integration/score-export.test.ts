// Bulk score export on the real Neo4j: `tiescore scores export` (a real CLI process) writes the
// same rows the API streams, from a published run whose lineage spans an incremental run; every
// export shows once in an included subject's access log; `tiescore score --ids` reads many ids.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/api/auth/api-keys.js';
import { startProductionApi, type RunningApi } from '../../src/api/start.js';
import { loadConfig } from '../../src/config.js';
import { recomputeInline } from '../../src/jobs/recompute/inline-runner.js';
import { parseExport, type ScoreExportRow } from '../../src/privacy/score-export-rows.js';
import { loadModel } from '../../src/score/index.js';
import type { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { runCli, startCli } from '../support/cli-process.js';
import { deleteTestKeys } from '../support/queue-cleanup.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../support/synthetic-store.js';
import { API_VERSION } from '../../src/api/app.js';
import { buildOpenApiDocument } from '../../src/api/openapi.js';
import { ROUTES } from '../../src/api/routes/index.js';
import { conformingFetch } from '../support/openapi-conformance.js';
import { openMigratedStore } from '../support/migrated-store.js';
/** Every answer is checked against the API's own /openapi.json (issue 24). */
const checkedFetch = conformingFetch(buildOpenApiDocument(ROUTES, { version: API_VERSION }));

const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-export-test-${process.pid}`, RATE_LIMIT_PER_MINUTE: 0 };
const dir = mkdtempSync(join(tmpdir(), 'tiescore-score-export-'));

describe('score export on Neo4j', () => {
  let store: Neo4jStore;
  let api: RunningApi;
  let subject: string;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    const model = await loadModel();
    store = await openMigratedStore(config);
    await loadSyntheticPopulation(store, 300, 11);
    await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
    // An incremental run on top: the published run then serves most scores from its base run.
    const someone = (await store.personsInSeqRange(150, 151))[0]!;
    await store.upsertPersons([{ ...someone, billsOnTimeRatio: (someone.billsOnTimeRatio ?? 0) > 0.5 ? 0.1 : 0.95 }]);
    await recomputeInline(store, model, { kind: 'incremental' });
    subject = (await store.personsInSeqRange(0, 1))[0]!.id;
    keys.batch = (await issueApiKey(store, { role: 'batch', name: 'decision-engine' })).key;
    keys.subject = (await issueApiKey(store, { role: 'subject', personId: subject })).key;
    api = await startProductionApi({ config, store, model, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await api?.stop();
    await deleteTestKeys(config);
    rmSync(dir, { recursive: true, force: true });
  });

  const apiRows = async (query: string): Promise<{ rows: ScoreExportRow[]; exportId: string }> => {
    const response = await checkedFetch(`${api.url}/v1/runs/published/scores?${query}`, { headers: { authorization: `Bearer ${keys.batch}`, accept: 'application/x-ndjson' } });
    expect(response.status).toBe(200);
    return { rows: parseExport(await response.text(), 'ndjson'), exportId: response.headers.get('tiescore-export-id')! };
  };

  let cliExportId: string;
  let apiExportId: string;
  let all: ScoreExportRow[];

  it('writes with the CLI exactly the rows the API streams, gzipped or not', async () => {
    const run = (await store.publishedRun())!;
    expect(run.lineage).toHaveLength(2);
    const gz = join(dir, 'scores.ndjson.gz');
    const { stdout } = await runCli(['scores', 'export', '--out', gz, '--purpose', 'nightly decisions', '--json']);
    const summary = JSON.parse(stdout) as { exportId: string; runId: string; rows: number };
    cliExportId = summary.exportId;
    expect(summary).toMatchObject({ runId: run.id, rows: 300 });
    const fromCli = parseExport(gunzipSync(readFileSync(gz)).toString('utf8'), 'ndjson');
    const streamed = await apiRows('purpose=decision%20engine%20pull');
    apiExportId = streamed.exportId;
    all = streamed.rows;
    expect(fromCli).toEqual(all);
    expect(all).toHaveLength(300);
    // The served scores, including the incrementally rescored person's.
    for (const row of [all[0]!, all[150]!, all[299]!]) expect(row.score).toBe((await store.scoreIn(run, row.personId))!.score);
    const csv = join(dir, 'scores.csv');
    await runCli(['scores', 'export', '--out', csv, '--purpose', 'audit sample', '--cursor', String(all[99]!.seq), '--limit', '50']);
    expect(parseExport(readFileSync(csv, 'utf8'), 'csv')).toEqual(all.slice(100, 150));
  });

  it('records each export and shows it once in an included subject\'s access log', async () => {
    const records = await store.listScoreExports(10);
    expect(records.map((x) => [x.purpose, x.via, x.rows, x.status])).toEqual([
      ['audit sample', 'cli', 50, 'complete'],
      ['decision engine pull', 'api', 300, 'complete'],
      ['nightly decisions', 'cli', 300, 'complete'],
    ]);
    const response = await checkedFetch(`${api.url}/v1/persons/${subject}/access-log?limit=100`, { headers: { authorization: `Bearer ${keys.subject}` } });
    const { entries } = (await response.json()) as { entries: { kind: string; exportId?: string; purpose?: string }[] };
    const exports = entries.filter((entry) => entry.kind === 'score-export');
    // The subject (seq 0) is in the two full exports, not in the sample of seqs 100–149.
    expect(exports.map((entry) => [entry.exportId, entry.purpose])).toEqual([
      [apiExportId, 'decision engine pull'],
      [cliExportId, 'nightly decisions'],
    ]);
    const sampled = await store.scoreExportsIncluding(all[120]!.personId, 10);
    expect(sampled.map((x) => x.purpose)).toEqual(['audit sample', 'decision engine pull', 'nightly decisions']);
  });

  it('says what is wrong in one line', async () => {
    const noRun = startCli(['scores', 'export', '--run', 'run-nope', '--out', join(dir, 'x.csv'), '--purpose', 'test']);
    expect(await noRun.exited).toBe(1);
    expect(noRun.stderr()).toBe('tiescore: no run "run-nope"\n');
    const badName = startCli(['scores', 'export', '--out', join(dir, 'x.txt'), '--purpose', 'test']);
    expect(await badName.exited).toBe(1);
    expect(badName.stderr()).toBe(`tiescore: --out ${join(dir, 'x.txt')}: the name must end in .csv, .ndjson, .csv.gz or .ndjson.gz\n`);
  });

  it('scores many ids from a file, reporting bad and unknown ones by line', async () => {
    const ids = join(dir, 'ids.txt');
    writeFileSync(ids, `# tonight's applicants\n${all[3]!.personId}\n\nnobody-here\n${all[150]!.personId}\n`);
    const run = startCli(['score', '--ids', ids, '--json']);
    expect(await run.exited).toBe(1);
    const views = run.stdout().trim().split('\n').map((line) => JSON.parse(line) as { personId: string; score: number });
    expect(views.map((v) => [v.personId, v.score])).toEqual([
      [all[3]!.personId, all[3]!.score],
      [all[150]!.personId, all[150]!.score],
    ]);
    expect(run.stderr()).toBe(`${ids}:4: no person with id "nobody-here"\n`);
  });
});
