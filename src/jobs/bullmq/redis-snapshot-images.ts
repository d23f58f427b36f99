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
 * run id, so the copy is exact. An image with that image's persons and contacts (an incremental
 * run's whose patch rebuilt no contact row) is then kept as its changes to it
 * (snapshot-image-delta.ts; a few MB at 1M persons instead of 60: storing the 60 MB in Redis
 * beside SCORE slowed the run's score write), naming the run of the image it changes: a chain
 * of at most MAX_DELTA_DEPTH such strings down to one kept whole. Saving one renews the expiry
 * of every string of its chain; `keepOnly` keeps the chains of the images it keeps.
 *
 * A string is read in slices of at most `READ_SLICE_BYTES`, all in one MULTI (so the slices are
 * of one version of the string), never as one reply: ioredis's reply parser assembles a large
 * reply in a module-wide buffer pool of three times the reply's size (twice above 75 MB) and
 * keeps that memory for the life of the process. Measured: one 20 MiB GET left 60 MiB of
 * ArrayBuffer behind and one 100 MiB GET 200 MiB (a 1M-person image is about 230 MB); read in
 * 256 KiB slices, 5 and 12 MiB.
 */
import type { Redis } from 'ioredis';
import { decodeSnapshotImage, encodeSnapshotImage, encodeSnapshotImageSections } from '../recompute/snapshot-image-codec.js';
import { framed, unframed } from '../recompute/framing.js';
import { applySnapshotImageDelta, encodeSnapshotImageDelta } from '../recompute/snapshot-image-delta.js';
import type { SnapshotImage } from '../recompute/snapshot-image.js';
import type { SnapshotImages } from '../recompute/snapshot-images.js';
import { INCREMENTAL_DEFAULTS } from '../recompute/incremental-plan.js';
import { piecewiseCommand, slicesOf } from './piecewise-command.js';

const TTL_SECONDS = 3 * 24 * 3600;
/** The largest reply an image read asks for (see the banner). */
export const READ_SLICE_BYTES = 256 * 1024;
/** The largest piece a write sends in one command (see `writeWhole`). */
const WRITE_SLICE_BYTES = 256 * 1024 * 1024;

/** The last image this process saved or loaded, by Redis key: under `prefix`, of `runId`, kept as a chain of `depth` deltas. */
let recent: { key: string; prefix: string; runId: string; image: SnapshotImage; depth: number } | undefined;

/** Tags the string of an image's part without its contacts (an image written whole, by an older version, starts with the codec's own tag). */
const PART_MAGIC = 'TSIMR001';

/** Tags the string of an image kept as its changes to another run's image. */
const DELTA_PART_MAGIC = 'TSIMRD01';

/** The most deltas between an image and the one kept whole it is built on: an incremental lineage's longest (incremental-plan.ts). */
export const MAX_DELTA_DEPTH = INCREMENTAL_DEFAULTS.maxLineage;

/** What a delta's string says of its base. */
interface DeltaHeader {
  /** The run whose image the delta changes. */
  base: string;
  /** Deltas from the image kept whole to this one (1: its base is kept whole). */
  depth: number;
}

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

  /** The image's encoding (snapshot-image-codec.ts), assembled from its strings; undefined when one is gone. */
  async loadEncoded(runId: string): Promise<Buffer | undefined> {
    const part = await readInSlices(this.redis, this.key(runId));
    if (part === undefined) return undefined;
    if (parseDeltaPart(part) === undefined) return (await this.assembled(part))?.bytes;
    try {
      const loaded = await this.loadChain(runId, 0, part);
      return loaded && encodeSnapshotImage(loaded.image);
    } catch {
      return undefined; // as `load`
    }
  }

  /** An image's part (with its contacts' string) as the image's whole encoding; undefined when the contacts are gone. */
  private async assembled(part: Buffer): Promise<{ bytes: Buffer; contactsOwner: string | undefined } | undefined> {
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
    try {
      const loaded = await this.loadChain(runId, 0);
      if (loaded && this.keepLast) recent = { key, prefix: this.prefix, runId, ...loaded };
      return loaded?.image;
    } catch {
      return undefined; // a damaged image only costs a full read
    }
  }

  /** The image of `runId` (its string `read` when already read), with the deltas it is kept as; undefined when a string of its chain is gone. */
  private async loadChain(runId: string, below: number, read?: Buffer): Promise<{ image: SnapshotImage; depth: number } | undefined> {
    const part = read ?? (await readInSlices(this.redis, this.key(runId)));
    if (part === undefined) return undefined;
    const delta = parseDeltaPart(part);
    if (delta) {
      if (below >= MAX_DELTA_DEPTH) return undefined;
      const base = await this.loadChain(delta.header.base, below + 1);
      return base && { image: applySnapshotImageDelta(base.image, delta.delta), depth: delta.header.depth };
    }
    const assembled = await this.assembled(part);
    if (assembled === undefined) return undefined;
    const image = decodeSnapshotImage(assembled.bytes);
    if (assembled.contactsOwner !== undefined) contactsHomes.set(image.contacts, { prefix: this.prefix, owner: assembled.contactsOwner });
    return { image, depth: 0 };
  }

  /**
   * Writes the image's contacts under `runId` — unless they are the very contacts of an image this
   * process saved or loaded, whose string still exists (its expiry is then renewed) — and then
   * the rest under `runId`, naming them. The image's arrays go to the socket as they are
   * (piecewise-command.ts): no copy of the image is made to send it.
   */
  async save(runId: string, image: SnapshotImage): Promise<void> {
    const key = this.key(runId);
    if (await this.savedAsDelta(runId, image)) return;
    const { before, contacts, after } = encodeSnapshotImageSections(image);
    // Contacts kept under another prefix are not this one's to name.
    const home = contactsHomes.get(image.contacts);
    const known = home?.prefix === this.prefix ? home.owner : undefined;
    const shared = known !== undefined && (await this.redis.expire(this.contactsKey(known), TTL_SECONDS)) === 1;
    const owner = shared ? known : runId;
    if (!shared) await this.writeWhole(this.contactsKey(owner), contacts);
    const header: PartHeader = { contacts: owner, contactsBytes: byteLength(contacts), beforeBytes: byteLength(before) };
    await this.writeWhole(key, framed(PART_MAGIC, header, [...before, ...after]));
    contactsHomes.set(image.contacts, { prefix: this.prefix, owner });
    if (this.keepLast) recent = { key, prefix: this.prefix, runId, image, depth: 0 };
  }

  /**
   * Writes `image` as its changes to the last image this process saved or loaded (see the
   * banner) when it can be one and that image's chain is still all in Redis (its expiry then
   * renewed); false when it wrote nothing.
   */
  private async savedAsDelta(runId: string, image: SnapshotImage): Promise<boolean> {
    const base = this.keepLast && recent?.prefix === this.prefix && recent.runId !== runId ? recent : undefined;
    if (!base || base.depth >= MAX_DELTA_DEPTH) return false;
    const delta = encodeSnapshotImageDelta(base.image, image);
    if (!delta || !(await this.renewChain(base.runId))) return false;
    const header: DeltaHeader = { base: base.runId, depth: base.depth + 1 };
    await this.writeWhole(this.key(runId), framed(DELTA_PART_MAGIC, header, delta));
    recent = { key: this.key(runId), prefix: this.prefix, runId, image, depth: header.depth };
    return true;
  }

  /** Renews the expiry of every string the image of `runId` is kept in; false when one is gone. */
  private async renewChain(runId: string): Promise<boolean> {
    const chain = await this.chainOf(runId);
    if (!chain.whole) return false;
    const keys = [...chain.runs.map((id) => this.key(id)), ...(chain.contacts === undefined ? [] : [this.contactsKey(chain.contacts)])];
    for (const key of keys) if ((await this.redis.expire(key, TTL_SECONDS)) !== 1) return false;
    return true;
  }

  /**
   * The strings the image of `runId` is kept in: the runs of its part and of the images its deltas
   * change (itself first), and the contacts string named by the part kept whole; `whole` is false
   * when a string of the chain is gone or the chain is longer than MAX_DELTA_DEPTH.
   */
  private async chainOf(runId: string): Promise<{ runs: string[]; contacts: string | undefined; whole: boolean }> {
    const runs: string[] = [];
    for (let id = runId; runs.length <= MAX_DELTA_DEPTH; ) {
      runs.push(id);
      const head = await this.redis.getrangeBuffer(this.key(id), 0, 4095);
      const delta = parseDeltaPart(head);
      if (delta) {
        id = delta.header.base;
        continue;
      }
      // A missing key reads as no bytes.
      return head.length === 0 ? { runs, contacts: undefined, whole: false } : { runs, contacts: parsePart(head)?.header.contacts, whole: true };
    }
    return { runs, contacts: undefined, whole: false };
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

  /** Forgets every image but those of `runIds` (and those their deltas change), and every contacts string none of those names. */
  async keepOnly(runIds: readonly string[]): Promise<void> {
    const kept: string[] = [];
    for (const runId of runIds) kept.push(...(await this.chainOf(runId)).runs);
    const keep = new Set(kept.map((runId) => this.key(runId)));
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

/** A delta's string split into its header and the delta (snapshot-image-delta.ts); undefined when `bytes` is not one. */
function parseDeltaPart(bytes: Buffer): { header: DeltaHeader; delta: Buffer } | undefined {
  const frame = unframed<DeltaHeader>(bytes, DELTA_PART_MAGIC);
  return frame && { header: frame.header, delta: frame.body };
}

/**
 * A run's part split into its header and the image's bytes before and after the contacts;
 * undefined when `bytes` is not a part. Given only the part's first bytes, `before` and
 * `after` are cut short (only the header is read then).
 */
function parsePart(bytes: Buffer): { header: PartHeader; before: Buffer; after: Buffer } | undefined {
  const frame = unframed<PartHeader>(bytes, PART_MAGIC);
  if (!frame) return undefined;
  const { header, body } = frame;
  return { header, before: body.subarray(0, header.beforeBytes), after: body.subarray(header.beforeBytes) };
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
