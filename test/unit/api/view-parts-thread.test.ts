// The network view's parts computed in a worker thread (src/api/view/view-parts-thread.ts) equal
// those computed in process, from an image object and from the image as Redis keeps it; and a
// view built that way answers as the in-process one does.
import { describe, expect, it } from 'vitest';
import { PublishedNetworkViews } from '../../../src/api/network-view.js';
import { viewParts } from '../../../src/api/view/view-parts.js';
import { viewPartsInThread } from '../../../src/api/view/view-parts-thread.js';
import { encodeSnapshotImage } from '../../../src/jobs/recompute/snapshot-image-codec.js';
import { memoryImagesOf, type SnapshotImages } from '../../../src/jobs/recompute/snapshot-images.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { loadModel } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

describe('view parts in a worker thread', async () => {
  const model = await loadModel();
  const store = new MemoryStore();
  await loadSyntheticPopulation(store, 400, 3);
  const { run } = await recomputeInline(store, model, { asOf: SYNTH_AS_OF });
  const image = (await memoryImagesOf(store).load(run.id))!;
  const inProcess = viewParts(image, model);
  const same = (parts: typeof inProcess) => {
    expect(parts.snapshot.ids).toEqual(inProcess.snapshot.ids);
    expect(parts.snapshot.csr).toEqual(inProcess.snapshot.csr);
    expect(parts.network.network).toEqual(inProcess.network.network);
    expect(parts.influence.points).toEqual(inProcess.influence.points);
    expect([parts.asOf, parts.modelVersion]).toEqual([run.asOf, model.version]);
  };

  it('equal those computed in process, from the image object (which stays usable here)', async () => {
    const { change: _change, trusted: _trusted, ...plain } = image;
    same(await viewPartsInThread({ image: plain, model }));
    expect(image.own.length).toBe(inProcess.snapshot.own.length); // copied, not handed over
  });

  it('equal those computed in process, from the encoded image, whose buffer is handed over', async () => {
    const encoded = encodeSnapshotImage(image);
    const bytes = new Uint8Array(encoded.byteLength);
    bytes.set(encoded);
    same(await viewPartsInThread({ encoded: bytes, model }));
    expect(bytes.byteLength).toBe(0); // transferred
  });

  it('rejects with the thread\'s error on a damaged image', async () => {
    await expect(viewPartsInThread({ encoded: new Uint8Array([1, 2, 3]), model })).rejects.toThrow(/not a snapshot image/);
  });

  it('serves a view built in a thread as the one built in process', async () => {
    const kept = memoryImagesOf(store);
    const encodedImages: SnapshotImages = {
      load: async () => undefined,
      loadEncoded: async (runId) => {
        const stored = await kept.load(runId);
        return stored && encodeSnapshotImage(stored);
      },
      save: async () => undefined,
      keepOnly: async () => undefined,
    };
    for (const views of [new PublishedNetworkViews(store, model, kept, 0), new PublishedNetworkViews(store, model, encodedImages)]) {
      const view = (await views.current())!;
      expect(views.fromImages).toBe(1);
      expect(view.network.network).toEqual(inProcess.network.network);
      expect(view.influence().totalNetworkEffect).toEqual(inProcess.influence.totalNetworkEffect);
      expect(view.workspace).toBeDefined();
    }
  });
});
