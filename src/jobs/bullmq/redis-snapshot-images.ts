/**
 * Snapshot images in Redis, by run id, so an incremental run finds its base run's image on
 * whichever worker takes it. One string per image (snapshot-image-codec.ts), kept for three
 * days at most; publishing a run forgets the others' images.
 */
import type { Redis } from 'ioredis';
import { decodeSnapshotImage, encodeSnapshotImage } from '../recompute/snapshot-image-codec.js';
import type { SnapshotImage } from '../recompute/snapshot-image.js';
import type { SnapshotImages } from '../recompute/snapshot-images.js';

const TTL_SECONDS = 3 * 24 * 3600;

export class RedisSnapshotImages implements SnapshotImages {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(runId: string): string {
    return `${this.prefix}:snapshot-image:${runId}`;
  }

  async load(runId: string): Promise<SnapshotImage | undefined> {
    const bytes = await this.redis.getBuffer(this.key(runId));
    if (bytes === null) return undefined;
    try {
      return decodeSnapshotImage(bytes);
    } catch {
      return undefined; // a damaged image only costs a full read
    }
  }

  async save(runId: string, image: SnapshotImage): Promise<void> {
    await this.redis.set(this.key(runId), encodeSnapshotImage(image), 'EX', TTL_SECONDS);
  }

  async keepOnly(runIds: readonly string[]): Promise<void> {
    const keep = new Set(runIds.map((runId) => this.key(runId)));
    const stale: string[] = [];
    for await (const keys of this.redis.scanStream({ match: this.key('*'), count: 100 }) as AsyncIterable<string[]>) {
      for (const key of keys) if (!keep.has(key)) stale.push(key);
    }
    if (stale.length > 0) await this.redis.del(...stale);
  }
}
