/**
 * Snapshot images in Redis, by run id, so an incremental run finds its base run's image on
 * whichever worker takes it. One string per image (snapshot-image-codec.ts), kept for three
 * days at most; publishing a run forgets the others' images.
 *
 * With `keepLast` (the workers), the process also keeps the last image it saved or loaded: the
 * worker that ran the base run usually runs the next one too, and then skips fetching and
 * decoding the image (about 23 MB per 100k persons). An image never changes once saved under its
 * run id, so the copy is exact.
 *
 * An image is read in slices of at most `READ_SLICE_BYTES`, all in one MULTI (so the slices are
 * of one version of the string), never as one reply: ioredis's reply parser assembles a large
 * reply in a module-wide buffer pool of three times the reply's size (twice above 75 MB) and
 * keeps that memory for the life of the process. Measured: one 20 MiB GET left 60 MiB of
 * ArrayBuffer behind and one 100 MiB GET 200 MiB (a 1M-person image is about 230 MB); read in
 * 256 KiB slices, 5 and 12 MiB.
 */
import type { Redis } from 'ioredis';
import { decodeSnapshotImage, encodeSnapshotImageParts } from '../recompute/snapshot-image-codec.js';
import type { SnapshotImage } from '../recompute/snapshot-image.js';
import type { SnapshotImages } from '../recompute/snapshot-images.js';
import { piecewiseCommand, slicesOf } from './piecewise-command.js';

const TTL_SECONDS = 3 * 24 * 3600;
/** The largest reply an image read asks for (see the banner). */
export const READ_SLICE_BYTES = 256 * 1024;
/** The largest piece an image write sends in one command (see `save`). */
const WRITE_SLICE_BYTES = 256 * 1024 * 1024;

/** The last image this process saved or loaded, by Redis key. */
let recent: { key: string; image: SnapshotImage } | undefined;

export class RedisSnapshotImages implements SnapshotImages {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Keep the last image saved or loaded in this process's memory (shared by every instance that asks). */
    private readonly keepLast = false,
    /** The largest piece a write sends in one command (see `save`); smaller in tests. */
    private readonly writeSliceBytes = WRITE_SLICE_BYTES,
  ) {}

  private key(runId: string): string {
    return `${this.prefix}:snapshot-image:${runId}`;
  }

  loadEncoded(runId: string): Promise<Buffer | undefined> {
    return readInSlices(this.redis, this.key(runId));
  }

  async load(runId: string): Promise<SnapshotImage | undefined> {
    const key = this.key(runId);
    if (this.keepLast && recent?.key === key) return recent.image;
    const bytes = await this.loadEncoded(runId);
    if (bytes === undefined) return undefined;
    try {
      const image = decodeSnapshotImage(bytes);
      if (this.keepLast) recent = { key, image };
      return image;
    } catch {
      return undefined; // a damaged image only costs a full read
    }
  }

  /**
   * Writes the image with one SET, or — above `writeSliceBytes` (Redis refuses bulk strings over
   * 512 MB by default: about 2.2M persons) — to a scratch key sized once (a SETRANGE at its last
   * byte), filled by SETRANGEs of that size and renamed over the image's key. Readers see the
   * whole old image or the whole new one either way. The image's arrays go to the socket as they
   * are (piecewise-command.ts): no copy of the image is made to send it.
   */
  async save(runId: string, image: SnapshotImage): Promise<void> {
    const key = this.key(runId);
    const parts = encodeSnapshotImageParts(image);
    const size = parts.reduce((sum, part) => sum + part.length, 0);
    if (size <= this.writeSliceBytes) {
      await this.redis.sendCommand(piecewiseCommand('set', [key, parts, 'EX', TTL_SECONDS]));
    } else {
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
    if (this.keepLast) recent = { key, image };
  }

  async keepOnly(runIds: readonly string[]): Promise<void> {
    const keep = new Set(runIds.map((runId) => this.key(runId)));
    const stale: string[] = [];
    for await (const keys of this.redis.scanStream({ match: this.key('*'), count: 100 }) as AsyncIterable<string[]>) {
      for (const key of keys) if (!keep.has(key)) stale.push(key);
    }
    if (stale.length > 0) await this.redis.del(...stale);
    if (recent && !keep.has(recent.key)) recent = undefined;
  }
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
