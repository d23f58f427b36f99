/**
 * Snapshot images in Redis, by run id, so an incremental run finds its base run's image on
 * whichever worker takes it; kept for three days at most, and publishing a run forgets the
 * others' images.
 *
 * An image is kept as two strings (snapshot-image-codec.ts, `encodeSnapshotImageSections`): its
 * contacts — four fifths of it, about 200 MB at 1M persons — under the run that first wrote them,
 * and the rest — ids, own scores, trust inputs, x, P·x, served values — under the run, naming
 * the contacts it goes with. An incremental run whose patch rebuilt no contact row (only events
 * changed) shares its base image's contacts object, and its image names the base's contacts
 * instead of writing them again: about 60 MB instead of 245 at 1M. (Redis takes about 2.6 ms a
 * MB to store a new string on the machine of BENCHMARKS.md: page faults, not copying.)
 *
 * With `keepLast` (the workers), the process also keeps the last image it saved or loaded: the
 * worker that ran the base run usually runs the next one too, and then skips fetching and
 * decoding the image (about 23 MB per 100k persons). An image never changes once saved under its
 * run id, so the copy is exact.
 *
 * A string is read in slices of at most `READ_SLICE_BYTES`, all in one MULTI (so the slices are
 * of one version of the string), never as one reply: ioredis's reply parser assembles a large
 * reply in a module-wide buffer pool of three times the reply's size (twice above 75 MB) and
 * keeps that memory for the life of the process. Measured: one 20 MiB GET left 60 MiB of
 * ArrayBuffer behind and one 100 MiB GET 200 MiB (a 1M-person image is about 230 MB); read in
 * 256 KiB slices, 5 and 12 MiB.
 */
import type { Redis } from 'ioredis';
import { decodeSnapshotImage, encodeSnapshotImageSections } from '../recompute/snapshot-image-codec.js';
import type { SnapshotImage } from '../recompute/snapshot-image.js';
import type { SnapshotImages } from '../recompute/snapshot-images.js';
import { piecewiseCommand, slicesOf } from './piecewise-command.js';

const TTL_SECONDS = 3 * 24 * 3600;
/** The largest reply an image read asks for (see the banner). */
export const READ_SLICE_BYTES = 256 * 1024;
/** The largest piece a write sends in one command (see `writeWhole`). */
const WRITE_SLICE_BYTES = 256 * 1024 * 1024;

/** The last image this process saved or loaded, by Redis key. */
let recent: { key: string; image: SnapshotImage } | undefined;

/** Tags the string of an image's part without its contacts (an image written whole, by an older version, starts with the codec's own tag). */
const PART_MAGIC = 'TSIMR001';

/** What a run's part says of the rest: whose contacts it goes with, and where they go. */
interface PartHeader {
  /** The run under whose id the contacts are kept. */
  contacts: string;
  contactsBytes: number;
  /** Bytes of the image's encoding before its contacts (the rest of the part follows them). */
  beforeBytes: number;
}

/** Where a contacts object this process saved or loaded is kept: the key prefix, and the run it is kept under. */
const contactsHomes = new WeakMap<object, { prefix: string; owner: string }>();

export class RedisSnapshotImages implements SnapshotImages {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Keep the last image saved or loaded in this process's memory (shared by every instance that asks). */
    private readonly keepLast = false,
    /** The largest piece a write sends in one command (see `writeWhole`); smaller in tests. */
    private readonly writeSliceBytes = WRITE_SLICE_BYTES,
  ) {}

  private key(runId: string): string {
    return `${this.prefix}:snapshot-image:${runId}`;
  }

  private contactsKey(runId: string): string {
    return `${this.prefix}:snapshot-contacts:${runId}`;
  }

  /** The image's encoding (snapshot-image-codec.ts), assembled from its two strings; undefined when either is gone. */
  async loadEncoded(runId: string): Promise<Buffer | undefined> {
    return (await this.loadAssembled(runId))?.bytes;
  }

  private async loadAssembled(runId: string): Promise<{ bytes: Buffer; contactsOwner: string | undefined } | undefined> {
    const part = await readInSlices(this.redis, this.key(runId));
    if (part === undefined) return undefined;
    const parsed = parsePart(part);
    if (!parsed) return { bytes: part, contactsOwner: undefined }; // written whole by an older version
    const contacts = await readInSlices(this.redis, this.contactsKey(parsed.header.contacts));
    if (contacts === undefined || contacts.length !== parsed.header.contactsBytes) return undefined;
    const { before, after } = parsed;
    const bytes = Buffer.allocUnsafeSlow(before.length + contacts.length + after.length);
    before.copy(bytes, 0);
    contacts.copy(bytes, before.length);
    after.copy(bytes, before.length + contacts.length);
    return { bytes, contactsOwner: parsed.header.contacts };
  }

  async load(runId: string): Promise<SnapshotImage | undefined> {
    const key = this.key(runId);
    if (this.keepLast && recent?.key === key) return recent.image;
    const assembled = await this.loadAssembled(runId);
    if (assembled === undefined) return undefined;
    try {
      const image = decodeSnapshotImage(assembled.bytes);
      if (assembled.contactsOwner !== undefined) contactsHomes.set(image.contacts, { prefix: this.prefix, owner: assembled.contactsOwner });
      if (this.keepLast) recent = { key, image };
      return image;
    } catch {
      return undefined; // a damaged image only costs a full read
    }
  }

  /**
   * Writes the image's contacts under `runId` — unless they are the very contacts of an image this
   * process saved or loaded, whose string still exists (its expiry is then renewed) — and then
   * the rest under `runId`, naming them. The image's arrays go to the socket as they are
   * (piecewise-command.ts): no copy of the image is made to send it.
   */
  async save(runId: string, image: SnapshotImage): Promise<void> {
    const key = this.key(runId);
    const { before, contacts, after } = encodeSnapshotImageSections(image);
    // Contacts kept under another prefix are not this one's to name.
    const home = contactsHomes.get(image.contacts);
    const known = home?.prefix === this.prefix ? home.owner : undefined;
    const shared = known !== undefined && (await this.redis.expire(this.contactsKey(known), TTL_SECONDS)) === 1;
    const owner = shared ? known : runId;
    if (!shared) await this.writeWhole(this.contactsKey(owner), contacts);
    const header: PartHeader = { contacts: owner, contactsBytes: byteLength(contacts), beforeBytes: byteLength(before) };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const headerLength = Buffer.alloc(4);
    headerLength.writeUInt32LE(headerBytes.length);
    await this.writeWhole(key, [Buffer.from(PART_MAGIC, 'latin1'), headerLength, headerBytes, ...before, ...after]);
    contactsHomes.set(image.contacts, { prefix: this.prefix, owner });
    if (this.keepLast) recent = { key, image };
  }

  /**
   * Writes `parts` as the string at `key` with one SET, or — above `writeSliceBytes` (Redis refuses
   * bulk strings over 512 MB by default) — to a scratch key sized once (a SETRANGE at its last
   * byte), filled by SETRANGEs of that size and renamed over `key`. Readers see the whole old
   * string or the whole new one either way.
   */
  private async writeWhole(key: string, parts: Buffer[]): Promise<void> {
    const size = byteLength(parts);
    if (size <= this.writeSliceBytes) {
      await this.redis.sendCommand(piecewiseCommand('set', [key, parts, 'EX', TTL_SECONDS]));
      return;
    }
    const scratch = `${key}:writing`;
    await this.redis.del(scratch);
    await this.redis.setrange(scratch, size - 1, '\0');
    await this.redis.expire(scratch, TTL_SECONDS);
    // Every slice but the last is full, so slice k starts at k slices.
    for (const [k, slice] of slicesOf(parts, this.writeSliceBytes).entries()) {
      await this.redis.sendCommand(piecewiseCommand('setrange', [scratch, k * this.writeSliceBytes, slice]));
    }
    await this.redis.rename(scratch, key);
  }

  /** Forgets every image but those of `runIds`, and every contacts string none of those names. */
  async keepOnly(runIds: readonly string[]): Promise<void> {
    const keep = new Set(runIds.map((runId) => this.key(runId)));
    const stale = (await this.keysLike(this.key('*'))).filter((key) => !keep.has(key));
    if (stale.length > 0) await this.redis.del(...stale);
    if (recent && !keep.has(recent.key)) recent = undefined;
    const named = new Set<string>();
    for (const key of keep) {
      const owner = await this.contactsOwnerOf(key);
      if (owner !== undefined) named.add(this.contactsKey(owner));
    }
    const unnamed = (await this.keysLike(this.contactsKey('*'))).filter((key) => !named.has(key));
    if (unnamed.length > 0) await this.redis.del(...unnamed);
  }

  private async keysLike(pattern: string): Promise<string[]> {
    const found: string[] = [];
    for await (const keys of this.redis.scanStream({ match: pattern, count: 100 }) as AsyncIterable<string[]>) found.push(...keys);
    return found;
  }

  /** The run whose contacts the part at `key` names (read from its first bytes); undefined for none or an image written whole. */
  private async contactsOwnerOf(key: string): Promise<string | undefined> {
    const head = await this.redis.getrangeBuffer(key, 0, 4095);
    return parsePart(head)?.header.contacts;
  }
}

function byteLength(parts: readonly Buffer[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}

/**
 * A run's part split into its header and the image's bytes before and after the contacts;
 * undefined when `bytes` is not a part. Given only the part's first bytes, `before` and
 * `after` are cut short (only the header is read then).
 */
function parsePart(bytes: Buffer): { header: PartHeader; before: Buffer; after: Buffer } | undefined {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== PART_MAGIC) return undefined;
  const headerEnd = 12 + bytes.readUInt32LE(8);
  if (headerEnd > bytes.length) return undefined;
  const header = JSON.parse(bytes.toString('utf8', 12, headerEnd)) as PartHeader;
  return { header, before: bytes.subarray(headerEnd, headerEnd + header.beforeBytes), after: bytes.subarray(headerEnd + header.beforeBytes) };
}

/**
 * The whole string at `key` read in slices, in one MULTI; undefined when there is none, or when
 * it changed size between the length check and the MULTI (a concurrent rewrite: read as gone).
 */
export async function readInSlices(redis: Redis, key: string, sliceBytes = READ_SLICE_BYTES): Promise<Buffer | undefined> {
  const size = await redis.strlen(key);
  if (size === 0) return undefined;
  const multi = redis.multi().strlen(key);
  for (let from = 0; from < size; from += sliceBytes) multi.getrangeBuffer(key, from, Math.min(size, from + sliceBytes) - 1);
  const replies = (await multi.exec()) ?? [];
  const failed = replies.find(([error]) => error);
  if (failed) throw failed[0] as Error;
  if (replies[0]?.[1] !== size) return undefined;
  const bytes = Buffer.allocUnsafeSlow(size);
  let offset = 0;
  for (const [, slice] of replies.slice(1)) offset += (slice as Buffer).copy(bytes, offset);
  return offset === size ? bytes : undefined;
}
