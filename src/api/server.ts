/**
 * Starts the API on a port and stops it gracefully: `close()` stops accepting connections,
 * lets requests in flight finish (idle keep-alive connections are closed at once) and, after
 * `graceMs`, cuts whatever is left.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningServer {
  server: Server;
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  close(): Promise<void>;
}

/**
 * @example
 * const running = await startServer(createApp(deps), { host: '127.0.0.1', port: 8080 });
 * process.once('SIGTERM', () => void running.close());
 */
export async function startServer(app: Express, { host, port, graceMs = 10_000 }: { host: string; port: number; graceMs?: number }): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
    listening.once('error', reject);
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
