/**
 * Self-describing byte strings: an 8-byte tag, the JSON header's length (uint32 LE), the header,
 * then the body. What a snapshot image's delta (snapshot-image-delta.ts) and the strings Redis
 * keeps an image in (jobs/bullmq/redis-snapshot-images.ts) are framed as.
 */

/**
 * `body` framed with `magic` (8 latin-1 characters) and `header`, as consecutive pieces.
 *
 * @example Buffer.concat(framed('TSIMD001', { persons: 3 }, [payload]))
 */
export function framed(magic: string, header: object, body: readonly Buffer[]): Buffer[] {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(headerBytes.length);
  return [Buffer.from(magic, 'latin1'), headerLength, headerBytes, ...body];
}

/** True when `bytes` start with `magic` and have room for a header's length. */
export function hasMagic(bytes: Buffer, magic: string): boolean {
  return bytes.length >= 12 && bytes.toString('latin1', 0, 8) === magic;
}

/** The header and body of a string `framed` with `magic`; undefined for another string (or one cut before its header's end). */
export function unframed<H>(bytes: Buffer, magic: string): { header: H; body: Buffer } | undefined {
  if (!hasMagic(bytes, magic)) return undefined;
  const headerEnd = 12 + bytes.readUInt32LE(8);
  if (headerEnd > bytes.length) return undefined;
  return { header: JSON.parse(bytes.toString('utf8', 12, headerEnd)) as H, body: bytes.subarray(headerEnd) };
}
