// Bolt chunks (src/store/neo4j/bolt-chunks.ts): the driver this project pins takes the larger chunk
// size. If a driver upgrade moves its Chunker, this fails, and the 1,400-byte chunks (and their
// cost in socket writes) are back until bolt-chunks.ts follows the driver.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BOLT_CHUNK_BYTES, useLargeBoltChunks } from '../../../../src/store/neo4j/bolt-chunks.js';

describe('useLargeBoltChunks', () => {
  it('gives the driver’s chunker its larger size, once however often it is called', () => {
    expect(useLargeBoltChunks()).toBe(true);
    expect(useLargeBoltChunks()).toBe(true);
    const driverRequire = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));
    const { Chunker } = driverRequire('neo4j-driver-bolt-connection/lib/channel/chunking.js');
    const written: number[] = [];
    const chunker = new Chunker({ write: (buffer: { length: number }) => written.push(buffer.length) });
    chunker.putBytes(0, driverRequire('neo4j-driver-bolt-connection/lib/channel/index.js').alloc(200_000));
    chunker.flush();
    // 200,000 bytes in chunks of BOLT_CHUNK_BYTES (each with a 2-byte header): 4 socket writes, not 143.
    expect(written).toHaveLength(Math.ceil(200_000 / (BOLT_CHUNK_BYTES - 2)));
    expect(Math.max(...written)).toBeLessThanOrEqual(BOLT_CHUNK_BYTES);
  });
});
