/**
 * Does a Neo4j server answer at all? Opens a fresh TCP (or TLS) connection to the Bolt address
 * and sends the Bolt handshake — the 4-byte magic and four version proposals — and waits for
 * the server's 4-byte answer. A hung server (a frozen JVM, a stop-the-world pause) still has its
 * port accept connections, since the kernel does that, but never answers the handshake; the
 * driver's pooled connections cannot tell, because they wait for a reply without a deadline.
 *
 * The probe shares nothing with the driver's pool, so a stuck pooled connection never blocks
 * it. Reference: Bolt protocol, "Handshake" (https://neo4j.com/docs/bolt/current/bolt/handshake/).
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** 0x6060B017, then proposals 5.0–5.8, 4.4–4.0, and two empty slots. */
const HANDSHAKE = Buffer.from([0x60, 0x60, 0xb0, 0x17, 0, 8, 8, 5, 0, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0]);
const DEFAULT_PORT = 7687;
/** A timer this late means the event loop was blocked, not that the server was slow, ms. */
const STALLED_LOOP_MS = 50;

/**
 * Resolves true when the server at `uri` answers the Bolt handshake within `timeoutMs`, false
 * when it refuses, fails or stays silent for `timeoutMs` of this process's own attention (time
 * the event loop spent blocked does not count). Never rejects.
 *
 * @example
 * await boltAnswers('bolt://127.0.0.1:7687', 500); // true while Neo4j runs, false when it is frozen
 */
export function boltAnswers(uri: string, timeoutMs: number): Promise<boolean> {
  const url = new URL(uri);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || DEFAULT_PORT);
  const scheme = url.protocol.replace(/:$/, '');
  return new Promise<boolean>((resolve) => {
    let socket: Socket;
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    // A deadline that passes while this process was too busy to read (a long synchronous step on
    // the event loop) says nothing about the server: the answer may be waiting unread. A timer
    // that fires late is such a deadline, so the server gets a fair wait again.
    let timer: NodeJS.Timeout;
    const arm = () => {
      const due = performance.now() + timeoutMs;
      timer = setTimeout(() => (performance.now() - due > STALLED_LOOP_MS ? arm() : done(false)), timeoutMs);
    };
    arm();
    const send = () => socket.write(HANDSHAKE);
    if (scheme.endsWith('+s') || scheme.endsWith('+ssc')) {
      socket = tlsConnect({ host, port, servername: host, rejectUnauthorized: !scheme.endsWith('+ssc') }, send);
    } else {
      socket = tcpConnect({ host, port }, send);
    }
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= 4) done(true);
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(received >= 4));
  });
}
