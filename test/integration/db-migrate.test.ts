// `tiescore db migrate` over the real Neo4j: twice in a row leaves the same schema, and a bad
// NEO4J_URI or an unreachable server is one clear line with a non-zero exit.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { describeSchema } from '../../src/store/neo4j/migrate.js';

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
