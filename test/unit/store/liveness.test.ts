import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/store/errors.js';
import { boltAnswers } from '../../../src/store/neo4j/bolt-probe.js';
import { Neo4jLiveness } from '../../../src/store/neo4j/liveness.js';

const OPTIONS = { probeAfterMs: 50, probeTimeoutMs: 40 };
const never = <T>() => new Promise<T>(() => undefined);
const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

/** A probe that answers `answers()` and counts its calls. */
const probeOf = (answers: () => boolean) => {
  const probe = Object.assign(async () => (probe.calls++, answers()), { calls: 0 });
  return probe;
};

describe('Neo4jLiveness', () => {
  it('passes a quick call through without probing', async () => {
    const probe = probeOf(() => true);
    expect(await new Neo4jLiveness(probe, OPTIONS).guard(() => after(5, 'rows'))).toBe('rows');
    expect(probe.calls).toBe(0);
  });

  it('keeps waiting for a slow call while the server answers the probe', async () => {
    const probe = probeOf(() => true);
    expect(await new Neo4jLiveness(probe, OPTIONS).guard(() => after(180, 'report'))).toBe('report');
    expect(probe.calls).toBeGreaterThanOrEqual(3); // probed every 50 ms, never cut
  });

  it('fails a call on a server that does not answer soon after the probe, not never', async () => {
    const liveness = new Neo4jLiveness(probeOf(() => false), OPTIONS);
    const t0 = performance.now();
    await expect(liveness.guard(never)).rejects.toThrow(StoreUnavailableError);
    expect(performance.now() - t0).toBeLessThan(OPTIONS.probeAfterMs + 100);
  });

  it('fails the next calls at once while the server is silent, and lets them through once it answers', async () => {
    let up = false;
    const probe = probeOf(() => up);
    const liveness = new Neo4jLiveness(probe, OPTIONS);
    await expect(liveness.guard(never)).rejects.toThrow(/does not answer/);
    let started = 0;
    const call = () => (started++, Promise.resolve('ok'));
    await expect(liveness.guard(call)).rejects.toThrow(StoreUnavailableError);
    expect(started).toBe(0); // never reached the driver
    await after(OPTIONS.probeTimeoutMs + 5, undefined);
    up = true;
    expect(await liveness.guard(call)).toBe('ok');
    expect(started).toBe(1);
  });

  it('passes the call’s own error on unchanged', async () => {
    const error = new Error('Neo.ClientError.Statement.SyntaxError');
    await expect(new Neo4jLiveness(probeOf(() => true), OPTIONS).guard(() => Promise.reject(error))).rejects.toBe(error);
  });
});

describe('boltAnswers', () => {
  let server: Server | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  /** A TCP server on a free port that does `onConnect` with each client's first bytes. */
  const listen = async (onData: (socket: Socket, bytes: Buffer) => void) => {
    server = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', (bytes: Buffer) => onData(socket, bytes));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `bolt://127.0.0.1:${(server.address() as { port: number }).port}`;
  };

  it('is true when the server answers the handshake, after sending the Bolt magic', async () => {
    let received: Buffer | undefined;
    const uri = await listen((socket, bytes) => {
      received = bytes;
      socket.write(Buffer.from([0, 0, 8, 5]));
    });
    expect(await boltAnswers(uri, 500)).toBe(true);
    expect(received?.subarray(0, 4).toString('hex')).toBe('6060b017');
    expect(received?.length).toBe(20);
  });

  it('is false when the port accepts the connection but nothing answers (a frozen server)', async () => {
    const uri = await listen(() => undefined);
    const t0 = performance.now();
    expect(await boltAnswers(uri, 100)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(400);
  });

  it('does not call a server silent while this process was too busy to read its answer', async () => {
    const uri = await listen((socket) => socket.write(Buffer.from([0, 0, 8, 5])));
    const answered = boltAnswers(uri, 100);
    const busyUntil = performance.now() + 400;
    while (performance.now() < busyUntil); // a long synchronous step: the event loop reads nothing
    expect(await answered).toBe(true);
  });

  it('is false when nothing listens', async () => {
    const uri = await listen(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    expect(await boltAnswers(uri, 500)).toBe(false);
  });
});
