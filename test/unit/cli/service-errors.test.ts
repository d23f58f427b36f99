/**
 * A command that cannot reach Neo4j or Redis says so in one short line naming the URL and the
 * fix, never with the driver's own message: the line builder, then real `tiescore` processes
 * pointed at a closed port (no services needed).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { failureReason, serviceLine } from '../../../src/cli/service-errors.js';

const refused = Object.assign(new Error('Failed to connect to server. Please ensure that your database is listening on the correct host and port ... Caused by: connect ECONNREFUSED 127.0.0.1:1'), {
  code: 'ServiceUnavailable',
});

describe('serviceLine', () => {
  it('names the service, the URL, the reason and the fix for a local service', () => {
    expect(serviceLine('Neo4j', 'bolt://127.0.0.1:7687', refused)).toBe(
      'Neo4j is not reachable at bolt://127.0.0.1:7687 (connection refused): start it with `npm run services:start`, or set NEO4J_URI to a running server',
    );
    expect(serviceLine('Redis', 'redis://localhost:6379', Object.assign(new Error('connect ECONNREFUSED ::1:6379'), { code: 'ECONNREFUSED' }))).toBe(
      'Redis is not reachable at redis://localhost:6379 (connection refused): start it with `npm run services:start`, or set REDIS_URL to a running server',
    );
  });

  it('does not offer the dev services for a remote host, and masks a password', () => {
    expect(serviceLine('Redis', 'redis://:hunter2@cache.example:6379', new Error('getaddrinfo ENOTFOUND cache.example'))).toBe(
      'Redis is not reachable at redis://:***@cache.example:6379 (host not found): check that it runs there, or set REDIS_URL',
    );
  });

  it('asks for credentials when they were refused', () => {
    const unauthorized = Object.assign(new Error('The client is unauthorized due to authentication failure.'), { code: 'Neo.ClientError.Security.Unauthorized' });
    expect(serviceLine('Neo4j', 'neo4j://db:7687', new Error('Neo4j is not reachable', { cause: unauthorized }))).toBe(
      'Neo4j at neo4j://db:7687 refused the credentials: set NEO4J_USER and NEO4J_PASSWORD',
    );
    expect(failureReason(new Error('WRONGPASS invalid username-password pair'))).toBe('credentials refused');
  });

  it('reads the reason through the causes', () => {
    expect(failureReason(new Error('Neo4j is unavailable', { cause: new Error('read ECONNRESET') }))).toBe('connection lost');
    expect(failureReason(new Error('no answer within 5 s'))).toBe('no answer');
    expect(failureReason(new Error('something else'))).toBe('cannot connect');
  });
});

/** A TCP port nobody listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a command pointed at a closed port', () => {
  it('that needs Neo4j prints one line with the URL and the fix', async () => {
    const uri = `bolt://127.0.0.1:${await closedPort()}`;
    for (const args of [['runs', 'list'], ['db', 'migrate'], ['score', 'p1']]) {
      const result = await cli(args, { NEO4J_URI: uri });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`tiescore: Neo4j is not reachable at ${uri} (connection refused): start it with \`npm run services:start\`, or set NEO4J_URI to a running server\n`);
    }
  }, 60_000);

  it('that needs Redis prints one line with the URL and the fix', async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    for (const args of [['schedule'], ['recompute'], ['worker', '--no-schedule']]) {
      const result = await cli(args, { REDIS_URL: url });
      expect(result.code, args.join(' ')).toBe(1);
      // "connection refused", not "no answer": the refusal is reported, not waited out for 5 s.
      expect(result.stderr).toBe(`tiescore: Redis is not reachable at ${url} (connection refused): start it with \`npm run services:start\`, or set REDIS_URL to a running server\n`);
    }
  }, 60_000);
});
