// `tiescore import` of persons with only an id, then `tiescore score` (the real commands, as
// processes) over the real Neo4j: the attributes are stored as unknown, the score is computed from
// the credit records alone with "No information on …" reasons, and the numbers it prints are
// rounded for people (issue 17). It wipes the test Neo4j (a marked one: the wipe refuses any other).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { startCli } from '../support/cli-process.js';
import { openMigratedStore } from '../support/migrated-store.js';

const config = loadConfig();
const FLOAT_NOISE = /\d\.\d*?(?:0{6,}|9{6,})\d/;

describe('tiescore import and score with unknown attributes (Neo4j)', () => {
  let dir: string;
  let store: Neo4jStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiescore-score-cli-'));
    store = await openMigratedStore(config);
  });
  afterAll(async () => {
    await store?.wipeAll();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports persons with only an id and scores them from their records, with "No information" reasons', async () => {
    await writeFile(join(dir, 'persons.csv'), 'id\nann\nben\n');
    await writeFile(join(dir, 'events.csv'), 'id,person_id,kind,at,amount,source\ne1,ann,defaulted,2026-01-10,900,bank\ne2,ben,repaid_on_time,2020-03-01,300,bank\n');
    const imported = startCli(['import', dir]);
    expect(await imported.exited).toBe(0);
    expect(await store.getPerson('ann')).toEqual({ id: 'ann', seq: 0 });

    const scored = startCli(['score', 'ann', '--json', '--as-of', '2026-06-30']);
    expect(await scored.exited, scored.stderr()).toBe(0);
    const out = scored.stdout();
    expect(out.match(FLOAT_NOISE)?.[0] ?? null).toBeNull();
    const view = JSON.parse(out) as { dimensions: Record<string, number>; reasonCodes: { code: string; reason: string; pointsLost: number }[] };
    expect(view.reasonCodes[0]).toMatchObject({ code: 'H_DEFAULTS', reason: 'Defaults on record' });
    for (const reason of view.reasonCodes) {
      expect(String(reason.pointsLost).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(1);
      expect(['The account is new', 'Identity not verified', 'Some bills were not paid on time', 'Few savings relative to income']).not.toContain(reason.reason);
    }
    for (const value of Object.values(view.dimensions)) expect(String(value).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(3);

    const text = startCli(['score', 'ben', '--as-of', '2026-06-30']);
    expect(await text.exited).toBe(0);
    expect(text.stdout()).toMatch(/No information on [a-z ]+ \(−\d+\.\d points\)/);
  });
});
