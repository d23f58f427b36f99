/**
 * The network view's computed parts from a run's snapshot image (pure, synchronous): the
 * kernels' snapshot (CSR with trust), the propagation and the influence ranking. At 1M persons
 * this is seconds of CPU, so large views compute it in a worker thread (view-parts-thread.ts);
 * the parts are typed arrays, handed back without copying (`transferablesOf`).
 */
import { influenceCentrality, propagateNetwork, type InfluenceResult, type NetworkResult } from '../../graph/index.js';
import { scoreWeightsOf } from '../../analysis/score-weights.js';
import { snapshotOfImage, type Snapshot, type SnapshotImage } from '../../jobs/recompute/snapshot-image.js';
import type { Model } from '../../score/index.js';

export interface ViewParts {
  /** The image's scoring date and model version: the caller checks they fit the run. */
  asOf: string;
  modelVersion: string;
  snapshot: Snapshot;
  network: NetworkResult;
  influence: InfluenceResult;
}

/**
 * @example
 * const { network, influence } = viewParts(image, model);
 */
export function viewParts(image: SnapshotImage, model: Model): ViewParts {
  const snapshot = snapshotOfImage(image, model);
  const network = propagateNetwork(snapshot.csr, snapshot.own, model.network, { mu: snapshot.mu });
  const influence = influenceCentrality(snapshot.csr, network, scoreWeightsOf(model));
  return { asOf: image.asOf, modelVersion: image.modelVersion, snapshot, network, influence };
}

/** Every distinct buffer under the parts' typed arrays (several arrays may share one). */
export function transferablesOf(parts: ViewParts): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const inner of Object.values(value)) visit(inner);
    }
  };
  visit(parts);
  return [...buffers];
}
