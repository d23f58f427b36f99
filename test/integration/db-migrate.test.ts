// `tiescore db migrate` over the real Neo4j: twice in a row leaves the same schema, scores stored
// the old way (a node per person and run) move into score blocks, and a bad NEO4J_URI or an
// unreachable server is one clear line with a non-zero exit.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { cypher, cypherStatements } from '../../src/store/neo4j/cypher.js';
import { describeSchema } from '../../src/store/neo4j/migrate.js';
import { person, run as scoreRun } from '../contract/store-contract.js';
import { openMigratedStore } from '../support/migrated-store.js';

const run = promisify(execFile);
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, ...env } }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('tiescore db migrate', () => {
  it('is idempotent: a second run leaves the same schema', async () => {
    const connection = await connectNeo4j(loadConfig());
    const schema = () => describeSchema(connection.driver, connection.database);
    const first = await cli(['db', 'migrate']);
    const afterFirst = await schema();
    const second = await cli(['db', 'migrate']);
    expect(await schema()).toEqual(afterFirst);
    expect(afterFirst.map((item) => item.name)).toEqual(expect.arrayContaining(['person_id', 'person_seq', 'event_id']));
    await connection.close();
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^schema up to date on ${loadConfig().NEO4J_URI.replace(/[.]/g, '\\.')}: \\d+ constraints, \\d+ indexes\n$`));
    expect(second.stdout).toBe(first.stdout);
  });

  it('moves scores stored a node per person and run into score blocks, then drops the old schema', async () => {
    const store = await openMigratedStore(loadConfig());
    const connection = await connectNeo4j(loadConfig());
    try {
      const ids = Array.from({ length: 300 }, (_, i) => `old${i}`);
      await store.upsertPersons(ids.map((id) => person(id)));
      await store.createRun(scoreRun('full-old', { status: 'complete' }));
      await store.createRun(scoreRun('inc-old', { kind: 'incremental', status: 'complete', lineage: ['inc-old', 'full-old'] }));
      const old = (runId: string, id: string, value: number) => ({
        runId,
        personId: id,
        seq: neo4j.int(ids.indexOf(id)),
        score: value,
        band: 'fair',
        history: 0.5,
        behaviour: 0.25,
        capacity: 0.75,
        identity: 1,
        network: 0.125,
        reasonCodes: JSON.stringify([{ code: 'H_LATE', reason: 'Late repayments on record', pointsLost: 3 }]),
        modelVersion: 'test-1',
      });
      const rows = [...ids.map((id, i) => old('full-old', id, 400 + i)), old('inc-old', 'old260', 999)];
      for (const statement of cypherStatements('test/legacy-score-schema')) await connection.driver.executeQuery(statement, {}, { database: connection.database });
      await connection.driver.executeQuery(cypher('test/legacy-score-nodes'), { rows }, { database: connection.database });

      const migrated = await cli(['db', 'migrate']);
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain(`moved ${rows.length} scores stored a node per person into score blocks`);
      const inc = (await store.getRun('inc-old'))!;
      const served = await store.scoresInSeqRange(inc, 0, 300);
      expect(served).toHaveLength(300);
      expect(served[5]).toEqual({
        runId: 'full-old',
        personId: 'old5',
        seq: 5,
        score: 405,
        band: 'fair',
        dimensions: { history: 0.5, behaviour: 0.25, capacity: 0.75, identity: 1, network: 0.125 },
        reasonCodes: [{ code: 'H_LATE', reason: 'Late repayments on record', pointsLost: 3 }],
        modelVersion: 'test-1',
      });
      expect((await store.scoreIn(inc, 'old260'))?.score).toBe(999);
      expect(await store.countScores('full-old')).toBe(300);
      const names = (await describeSchema(connection.driver, connection.database)).map((item) => item.name);
      expect(names).toEqual(expect.arrayContaining(['score_block_key', 'score_block']));
      expect(names.filter((name) => ['score_key', 'score_run_seq', 'score_person'].includes(name))).toEqual([]);
      const { records } = await connection.driver.executeQuery(cypher('migrations/count-score-nodes'), {}, { database: connection.database });
      expect(records[0]?.get('count')).toBe(0);
    } finally {
      await connection.close();
      await store.close();
    }
  });

  it('refuses NEO4J_URI=nonsense with one line and exit code 2', async () => {
    const result = await cli(['db', 'migrate'], { NEO4J_URI: 'nonsense' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('tiescore: NEO4J_URI="nonsense" is invalid: must be a URL with scheme bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc\n');
  });

  it('reports an unreachable server in one line', async () => {
    const result = await cli(['db', 'migrate'], { NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('tiescore: Neo4j is not reachable at bolt://127.0.0.1:1 (connection refused): start it with `npm run services:start`, or set NEO4J_URI to a running server\n');
  });
});
