/**
 * A Redis server of a test's own, on a free port, for the tests that stop and restart Redis —
 * never the shared one on 6379. `stop` shuts it down (SIGTERM: it saves if persistence is on),
 * `start` (again) starts it if it is not running, on the same port and folder; `pause` and `resume`
 * freeze and thaw it (SIGSTOP/SIGCONT: a hung server); `close` stops it and removes its folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, portOpen } from './free-port.js';
import { until } from './until.js';

export interface DedicatedRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGSTOP: the process is frozen — its port still accepts connections, nothing answers. */
  pause(): void;
  /** SIGCONT: the frozen process runs on. `stop` and `close` resume it first. */
  resume(): void;
  close(): Promise<void>;
}

/** `persistent`: append-only file fsynced on every write, so a restart keeps the queue (as in docker-compose). */
export async function startDedicatedRedis(options: { persistent?: boolean } = {}): Promise<DedicatedRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'tiescore-test-redis-'));
  const persistence = options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  let child: ChildProcess | undefined;

  const redis: DedicatedRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return; // running
      const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir, '--daemonize', 'no'], {
        stdio: 'ignore',
      });
      child = server;
      await until(`redis on port ${port}`, async () => {
        if (server.exitCode !== null) throw new Error(`redis-server exited with code ${server.exitCode}`);
        return (await portOpen(port)) || undefined;
      }, 20_000);
    },
    pause() {
      if (!child?.kill('SIGSTOP')) throw new Error('redis is not running: nothing to pause');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async stop() {
      const server = child;
      child = undefined;
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGCONT'); // a frozen process would not act on SIGTERM
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    },
    async close() {
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
