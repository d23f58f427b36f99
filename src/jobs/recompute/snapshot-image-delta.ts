/**
 * A snapshot image as its changes to another image (its base): the per-person arrays' entries
 * that differ, for an image with the base's persons (the same ids) and the very same contacts
 * object — what an incremental run whose patch rebuilt no contact row (only events changed)
 * makes. At 1M persons such a run changes own scores of about a thousand persons, x of some
 * fifteen thousand, P·x of up to a couple of hundred thousand and the served values of its
 * targets: a few MB, where the image without its contacts is about 60 MB
 * (redis-snapshot-images.ts keeps a run's image this way when it can).
 *
 * Layout: framed (framing.ts) with a JSON header of dates, model version, edge counts, persons
 * and the arrays present; the body holds, per array present, the count of changed entries
 * (uint32 LE), their seqs (int32) and their new values (the array's own element type),
 * native-endian as in snapshot-image-codec.ts. Entries compare by their bits, so a NaN that stayed
 * NaN is no change and −0 against 0 is one.
 */
import { framed, hasMagic, unframed } from './framing.js';
import type { SnapshotImage } from './snapshot-image.js';

const MAGIC = 'TSIMD001';

/** The per-person arrays a delta carries, in this order. */
const FIELDS = ['own', 'accountAgeDays', 'verified', 'x', 'px', 'served'] as const;
type Field = (typeof FIELDS)[number];
type PersonArray = Float64Array | Uint8Array;

interface DeltaHeader {
  asOf: string;
  modelVersion: string;
  edges: SnapshotImage['edges'];
  persons: number;
  fields: Field[];
}

/**
 * `image` as its changes to `base`, as consecutive pieces; undefined when it cannot be one:
 * other persons, other contacts, or another set of arrays (x, P·x, served) kept.
 *
 * @example
 * const delta = encodeSnapshotImageDelta(base, image);
 * if (delta) applySnapshotImageDelta(base, Buffer.concat(delta)); // equal to image's encoded fields
 */
export function encodeSnapshotImageDelta(base: SnapshotImage, image: SnapshotImage): Buffer[] | undefined {
  const n = image.ids.length;
  if (image.contacts !== base.contacts || !sameIds(base.ids, image.ids)) return undefined;
  if (FIELDS.some((field) => (image[field] === undefined) !== (base[field] === undefined))) return undefined;
  const fields = FIELDS.filter((field) => image[field] !== undefined);
  const header: DeltaHeader = { asOf: image.asOf, modelVersion: image.modelVersion, edges: image.edges, persons: n, fields };
  const body: Buffer[] = [];
  for (const field of fields) {
    const { seqs, values } = changedEntries(base[field]!, image[field]!);
    body.push(uint32(seqs.length), bytesOf(seqs), bytesOf(values));
  }
  return framed(MAGIC, header, body);
}

/** True when `bytes` start as a delta of `encodeSnapshotImageDelta`. */
export function isSnapshotImageDelta(bytes: Buffer): boolean {
  return hasMagic(bytes, MAGIC);
}

/**
 * The image a delta describes: `base`'s ids and contacts (shared, not copied) with fresh copies
 * of its arrays, changed as the delta says. `base` is not changed. Throws on a delta that does not
 * fit `base` or is damaged.
 */
export function applySnapshotImageDelta(base: SnapshotImage, bytes: Buffer): SnapshotImage {
  if (!isSnapshotImageDelta(bytes)) throw new Error('snapshot-image-delta: not a delta');
  const frame = unframed<DeltaHeader>(bytes, MAGIC);
  if (!frame) throw new Error('snapshot-image-delta: truncated');
  const { header, body } = frame;
  const n = header.persons;
  if (n !== base.ids.length) throw new Error(`snapshot-image-delta: the delta is for ${n} persons, its base has ${base.ids.length}`);
  let offset = 0;
  const take = <T extends Int32Array | PersonArray>(array: T): T => {
    const end = offset + array.byteLength;
    if (end > body.length) throw new Error('snapshot-image-delta: truncated');
    body.copy(Buffer.from(array.buffer, array.byteOffset, array.byteLength), 0, offset, end);
    offset = end;
    return array;
  };
  const arrays: Partial<Record<Field, PersonArray>> = {};
  for (const field of FIELDS) {
    const from = base[field];
    if (!header.fields.includes(field)) {
      if (from !== undefined) throw new Error(`snapshot-image-delta: the delta lacks ${field}, which its base has`);
      continue;
    }
    if (from === undefined) throw new Error(`snapshot-image-delta: the delta changes ${field}, which its base lacks`);
    if (offset + 4 > body.length) throw new Error('snapshot-image-delta: truncated');
    const count = body.readUInt32LE(offset);
    offset += 4;
    const seqs = take(new Int32Array(count));
    const values = take(from instanceof Uint8Array ? new Uint8Array(count) : new Float64Array(count));
    const array = from.slice();
    for (let k = 0; k < count; k++) {
      const seq = seqs[k]!;
      if (!(seq >= 0 && seq < n)) throw new Error(`snapshot-image-delta: seq ${seq} is outside 0..${n - 1}`);
      array[seq] = values[k]!;
    }
    arrays[field] = array;
  }
  if (offset !== body.length) throw new Error('snapshot-image-delta: trailing bytes');
  return {
    asOf: header.asOf,
    modelVersion: header.modelVersion,
    ids: base.ids,
    own: arrays.own as Float64Array,
    verified: arrays.verified as Uint8Array,
    accountAgeDays: arrays.accountAgeDays as Float64Array,
    contacts: base.contacts,
    edges: header.edges,
    ...(arrays.x ? { x: arrays.x as Float64Array } : {}),
    ...(arrays.px ? { px: arrays.px as Float64Array } : {}),
    ...(arrays.served ? { served: arrays.served as Float64Array } : {}),
  };
}

function sameIds(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Bytes compared at once before the entries of a window are looked at one by one: most windows of
 * an incremental run's arrays hold no change, and a native compare skips them (at 1M persons the
 * entry-by-entry scan of the six arrays took about 50 ms).
 */
const WINDOW_BYTES = 256;

/** The seqs whose entry differs in bits between `before` and `after` (same type and length), with the new values. */
function changedEntries<T extends PersonArray>(before: T, after: T): { seqs: Int32Array; values: T } {
  if (before.length !== after.length) throw new Error('snapshot-image-delta: arrays of different lengths');
  let seqs = new Int32Array(1024);
  let count = 0;
  const add = (seq: number) => {
    if (count === seqs.length) {
      const grown = new Int32Array(2 * seqs.length);
      grown.set(seqs);
      seqs = grown;
    }
    seqs[count++] = seq;
  };
  if (before !== after) {
    const a = bytesOf(before);
    const b = bytesOf(after);
    const entryBytes = after.BYTES_PER_ELEMENT;
    // Float64 entries compared as their two 32-bit words (aligned: a Float64Array's offset is a multiple of 8).
    const wordsA = after instanceof Float64Array ? new Uint32Array(before.buffer, before.byteOffset, 2 * before.length) : undefined;
    const wordsB = after instanceof Float64Array ? new Uint32Array(after.buffer, after.byteOffset, 2 * after.length) : undefined;
    for (let start = 0; start < b.length; start += WINDOW_BYTES) {
      const end = Math.min(b.length, start + WINDOW_BYTES);
      if (b.compare(a, start, end, start, end) === 0) continue;
      for (let i = start / entryBytes; i < end / entryBytes; i++) {
        const differs = wordsA && wordsB ? wordsA[2 * i] !== wordsB[2 * i] || wordsA[2 * i + 1] !== wordsB[2 * i + 1] : before[i] !== after[i];
        if (differs) add(i);
      }
    }
  }
  const changed = seqs.subarray(0, count);
  const values = (after instanceof Float64Array ? new Float64Array(count) : new Uint8Array(count)) as T;
  for (let k = 0; k < count; k++) values[k] = after[changed[k]!]!;
  return { seqs: changed, values };
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

function bytesOf(array: Int32Array | PersonArray): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
