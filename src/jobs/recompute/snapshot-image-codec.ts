/**
 * A snapshot image as one byte string, to keep it outside the process (Redis): a magic tag, a
 * JSON header (dates, model version, sizes, person ids), then the typed arrays as native-endian
 * (little-endian on x86 and ARM) blocks — about 29 bytes per person (37 with x) plus 12 per
 * contact entry (two per linked pair) and the ids, e.g. 229 MB for 1M persons and 7.5M links. Decoding
 * copies into fresh, aligned typed arrays and checks every length and the contacts' offsets.
 */
import type { SnapshotImage } from './snapshot-image.js';

const MAGIC = 'TSIMG002';

interface Header {
  asOf: string;
  modelVersion: string;
  persons: number;
  /** Entries of the contacts CSR. */
  entries: number;
  edges: SnapshotImage['edges'];
  ids: (string | null)[];
  /** True when an x block (n float64) follows the others; absent in images written before x was kept. */
  x?: boolean;
  /** True when a P·x block (n float64) follows x. */
  px?: boolean;
  /** True when a block of served network values (n float64) follows. */
  served?: boolean;
}

/** @example decodeSnapshotImage(encodeSnapshotImage(image)) // equal to image */
export function encodeSnapshotImage(image: SnapshotImage): Buffer {
  return Buffer.concat(encodeSnapshotImageParts(image));
}

/**
 * `encodeSnapshotImage` as the consecutive pieces of the byte string, the typed arrays as views
 * of the image's own memory (not copies): for a writer that sends them one after the other.
 */
export function encodeSnapshotImageParts(image: SnapshotImage): Buffer[] {
  const { before, contacts, after } = encodeSnapshotImageSections(image);
  return [...before, ...contacts, ...after];
}

/**
 * The pieces of `encodeSnapshotImageParts` in three runs: what comes before the contacts (the
 * tag, the header, own scores and account ages), the contacts' four blocks, and what follows
 * them (verification, x, P·x, served values): redis-snapshot-images.ts keeps the contacts in a
 * string of their own, which the images that share them name.
 */
export function encodeSnapshotImageSections(image: SnapshotImage): { before: Buffer[]; contacts: Buffer[]; after: Buffer[] } {
  const n = image.ids.length;
  const { contacts } = image;
  const m = contacts.targets.length;
  if (contacts.nodeCount !== n) throw new Error('snapshot-image: the contacts are not a nominal CSR over the image\'s seqs');
  for (const name of ['x', 'px', 'served'] as const) {
    const values = image[name];
    if (values && values.length !== n) throw new Error(`snapshot-image: ${name} has ${values.length} entries for ${n} persons`);
  }
  const header: Omit<Header, 'ids'> = {
    asOf: image.asOf,
    modelVersion: image.modelVersion,
    persons: n,
    entries: m,
    edges: image.edges,
    ...(image.x ? { x: true } : {}),
    ...(image.px ? { px: true } : {}),
    ...(image.served ? { served: true } : {}),
  };
  // The header is this JSON with the ids' last: `{…,"ids":[…]}`.
  const headerParts = [Buffer.from(`${JSON.stringify(header).slice(0, -1)},"ids":`, 'utf8'), idsJson(image.ids), Buffer.from('}', 'utf8')];
  const bytesOf = (arrays: (Float64Array | Int32Array | Uint8Array | undefined)[]) =>
    arrays.flatMap((array) => (array ? [Buffer.from(array.buffer, array.byteOffset, array.byteLength)] : []));
  const lengthBytes = Buffer.alloc(4);
  lengthBytes.writeUInt32LE(headerParts.reduce((sum, part) => sum + part.length, 0));
  return {
    before: [Buffer.from(MAGIC, 'latin1'), lengthBytes, ...headerParts, ...bytesOf([image.own, image.accountAgeDays])],
    contacts: bytesOf([contacts.weights, contacts.degree, contacts.offsets, contacts.targets]),
    after: bytesOf([image.verified, image.x, image.px, image.served]),
  };
}

/**
 * The ids as JSON (`null` for an unused seq), by ids array: about 20 MB at 1M persons, the most
 * expensive part of an encoding, and the same for an incremental run's image whose patch left
 * every seq with its person (patchImage then keeps the base image's array). An image's ids never
 * change once it is built.
 */
const idsJsonByArray = new WeakMap<readonly (string | undefined)[], Buffer>();

function idsJson(ids: readonly (string | undefined)[]): Buffer {
  let json = idsJsonByArray.get(ids);
  if (!json) idsJsonByArray.set(ids, (json = Buffer.from(JSON.stringify(ids.map((id) => id ?? null)), 'utf8')));
  return json;
}

/** Throws on anything that is not a whole image written by `encodeSnapshotImage`. */
export function decodeSnapshotImage(bytes: Buffer): SnapshotImage {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) throw new Error('snapshot-image: not a snapshot image');
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as Header;
  const n = header.persons;
  const m = header.entries;
  if (header.ids.length !== n) throw new Error('snapshot-image: header lists the wrong number of ids');
  let offset = 12 + headerLength;
  const take = <T extends Float64Array | Int32Array | Uint8Array>(array: T): T => {
    const end = offset + array.byteLength;
    if (end > bytes.length) throw new Error('snapshot-image: truncated');
    bytes.copy(Buffer.from(array.buffer, array.byteOffset, array.byteLength), 0, offset, end);
    offset = end;
    return array;
  };
  const own = take(new Float64Array(n));
  const accountAgeDays = take(new Float64Array(n));
  const weights = take(new Float64Array(m));
  const degree = take(new Float64Array(n));
  const offsets = take(new Int32Array(n + 1));
  const targets = take(new Int32Array(m));
  const verified = take(new Uint8Array(n));
  const x = header.x === true ? take(new Float64Array(n)) : undefined;
  const px = header.px === true ? take(new Float64Array(n)) : undefined;
  const served = header.served === true ? take(new Float64Array(n)) : undefined;
  if (offset !== bytes.length) throw new Error('snapshot-image: trailing bytes');
  if (offsets[0] !== 0 || offsets[n] !== m) throw new Error('snapshot-image: the contacts\' offsets do not span their entries');
  for (let i = 0; i < n; i++) if (offsets[i + 1]! < offsets[i]!) throw new Error('snapshot-image: the contacts\' offsets decrease');
  for (let e = 0; e < m; e++) if (!(targets[e]! >= 0 && targets[e]! < n)) throw new Error('snapshot-image: a contact lies outside the seqs');
  return {
    asOf: header.asOf,
    modelVersion: header.modelVersion,
    ids: header.ids.map((id) => id ?? undefined),
    own,
    verified,
    accountAgeDays,
    contacts: { nodeCount: n, offsets, targets, weights, degree, symmetric: true, kind: 'nominal' },
    edges: header.edges,
    ...(x ? { x } : {}),
    ...(px ? { px } : {}),
    ...(served ? { served } : {}),
  };
}
