/**
 * Snapshot images in Redis, by run id, so an incremental run finds its base run's image on
 * whichever worker takes it. One string per image (snapshot-image-codec.ts), kept for three
 * days at most; publishing a run forgets the others' images.
 *
 * With `keepLast` (the workers), the process also keeps the last image it saved or loaded: the
 * worker that ran the base run usually runs the next one too, and then skips fetching and
 * decoding the image (about 15 MB per 100k persons). An image never changes once saved under its
 * run id, so the copy is exact.
 */
import type { Redis } from 'ioredis';
import { decodeSnapshotImage, encodeSnapshotImage } from '../recompute/snapshot-image-codec.js';
import type { SnapshotImage } from '../recompute/snapshot-image.js';
import type { SnapshotImages } from '../recompute/snapshot-images.js';

const TTL_SECONDS = 3 * 24 * 3600;

/** The last image this process saved or loaded, by Redis key. */
let recent: { key: string; image: SnapshotImage } | undefined;

export class RedisSnapshotImages implements SnapshotImages {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Keep the last image saved or loaded in this process's memory (shared by every instance that asks). */
    private readonly keepLast = false,
  ) {}

  private key(runId: string): string {
    return `${this.prefix}:snapshot-image:${runId}`;
  }

  async load(runId: string): Promise<SnapshotImage | undefined> {
    const key = this.key(runId);
    if (this.keepLast && recent?.key === key) return recent.image;
    const bytes = await this.redis.getBuffer(key);
    if (bytes === null) return undefined;
    try {
      const image = decodeSnapshotImage(bytes);
      if (this.keepLast) recent = { key, image };
      return image;
    } catch {
      return undefined; // a damaged image only costs a full read
    }
  }

  async save(runId: string, image: SnapshotImage): Promise<void> {
    const key = this.key(runId);
    await this.redis.set(key, encodeSnapshotImage(image), 'EX', TTL_SECONDS);
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
