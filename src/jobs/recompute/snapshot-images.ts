/**
 * Where snapshot images are kept between runs, by run id, so an incremental run can start from
 * its base run's image. Two kinds: in process memory (the inline runner: embedded mode, tests)
 * and in Redis (the BullMQ pipeline, where the next run may land on another worker:
 * src/jobs/bullmq/redis-snapshot-images.ts). An image that is missing only costs a full read.
 */
import type { SnapshotImage } from './snapshot-image.js';

export interface SnapshotImages {
  load(runId: string): Promise<SnapshotImage | undefined>;
  /**
   * The image as stored, not decoded (snapshot-image-codec.ts), where images are kept encoded:
   * for a reader that decodes it elsewhere (the API's view, in a worker thread).
   */
  loadEncoded?(runId: string): Promise<Buffer | undefined>;
  save(runId: string, image: SnapshotImage): Promise<void>;
  /** Forgets every image except those of `runIds` (called when a run is published). */
  keepOnly(runIds: readonly string[]): Promise<void>;
}

/** Images in this process's memory; the oldest go beyond `capacity`. */
export class MemorySnapshotImages implements SnapshotImages {
  private readonly images = new Map<string, SnapshotImage>();

  constructor(private readonly capacity = 2) {}

  async load(runId: string): Promise<SnapshotImage | undefined> {
    return this.images.get(runId);
  }

  async save(runId: string, image: SnapshotImage): Promise<void> {
    this.images.delete(runId);
    this.images.set(runId, image);
    for (const oldest of this.images.keys()) {
      if (this.images.size <= this.capacity) break;
      this.images.delete(oldest);
    }
  }

  async keepOnly(runIds: readonly string[]): Promise<void> {
    const keep = new Set(runIds);
    for (const runId of [...this.images.keys()]) if (!keep.has(runId)) this.images.delete(runId);
  }
}

const byStore = new WeakMap<object, MemorySnapshotImages>();

/** The in-memory images of runs over `store` in this process (one cache per store object). */
export function memoryImagesOf(store: object): MemorySnapshotImages {
  let images = byStore.get(store);
  if (!images) byStore.set(store, (images = new MemorySnapshotImages()));
  return images;
}
