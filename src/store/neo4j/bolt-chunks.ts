/**
 * Bolt chunks of about 64 KB for what the driver sends, instead of its 1,400 bytes. The JavaScript
 * driver (neo4j-driver 6) cuts every message it sends into chunks of at most 1,400 bytes and hands
 * each to the socket on its own, so a SCORE chunk's 3.3 MB of score entries is some 2,400 socket
 * writes: 4.5 s of Node CPU for a 1M-person run (profiled), and 300k score writes took 4.3 s
 * against 5.2 s with the small chunks (session 14; docs/design.md, "Neo4j", score blocks). Bolt allows a
 * chunk of up to 65,535 bytes; the driver takes no option for it, so its Chunker is given a larger
 * default size, once, before a driver connects. Should the driver's insides change shape, nothing
 * is changed (the driver works as shipped) and `useLargeBoltChunks()` answers false, which a unit
 * test checks against the driver this project pins.
 */
import { createRequire } from 'node:module';

/** Bytes of one chunk with its 2-byte header: under Bolt's 65,535 limit. */
export const BOLT_CHUNK_BYTES = 65_000;

type ChunkerClass = new (channel: unknown, bufferSize?: number) => object;

let patched: boolean | undefined;

/** Makes the driver's chunks BOLT_CHUNK_BYTES long; true when they are (idempotent). */
export function useLargeBoltChunks(): boolean {
  if (patched !== undefined) return patched;
  patched = false;
  try {
    // The driver's own copy of its connection package, wherever npm placed it.
    const driverRequire = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));
    const chunking = driverRequire('neo4j-driver-bolt-connection/lib/channel/chunking.js') as { Chunker?: ChunkerClass };
    const Chunker = chunking.Chunker;
    if (typeof Chunker !== 'function' || typeof (Chunker.prototype as { flush?: unknown }).flush !== 'function') return false;
    chunking.Chunker = class LargeChunker extends Chunker {
      constructor(channel: unknown, bufferSize?: number) {
        super(channel, bufferSize ?? BOLT_CHUNK_BYTES);
      }
    };
    patched = true;
  } catch {
    // Not found where expected: the driver's default chunks stay.
  }
  return patched;
}
