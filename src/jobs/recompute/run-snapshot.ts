/**
 * The SNAPSHOT step of a run, for both runners: a full run reads the population; an incremental
 * run takes its base run's kept image and re-reads only the dirty persons (everyone whose record,
 * events or edges changed since the base run started), falling back to a full read when the
 * image is gone or was computed for another as-of date or model. Either way the run keeps its
 * image, with the x its propagation converged to, for the run after it (`keepRunImage`).
 */
import type { ScoreRun } from '../../domain/scores.js';
import type { DirtySeqs } from '../../store/store.js';
import { pointsPerNetworkUnit, propagateNetwork, refineNetwork, type NetworkResult } from '../../graph/index.js';
import { scoreWeightsOf } from '../../analysis/score-weights.js';
import { INCREMENTAL_DEFAULTS } from './incremental-plan.js';
import type { Model } from '../../score/index.js';
import type { SnapshotPorts } from './recompute-ports.js';
import type { OwnParts } from './own-parts.js';
import { readSnapshotImageWithParts, refreshSnapshotImage, type SnapshotOptions } from './snapshot.js';
import { plainImage, snapshotOfImage, warmStartOf, type Snapshot, type SnapshotImage, type WarmStart } from './snapshot-image.js';
import type { SnapshotImages } from './snapshot-images.js';

export interface RunSnapshot {
  snapshot: Snapshot;
  /** The image the snapshot was built from, to keep with `keepRunImage` once x is known. */
  image: SnapshotImage;
  /**
   * Every person's own parts, for SCORE: a full read's, or a patched image's when its base image
   * held them (in the memory of the process that ran the base run).
   */
  ownParts?: OwnParts;
  /** Where the propagation starts: the base image's x (and P·x), when it was patched and kept one. */
  warmStart?: WarmStart;
  /** Incremental runs: the seqs whose data changed since the base run started, ascending. */
  dirty?: number[];
  /** The base run's image this run's image was patched from. */
  patchedFrom?: SnapshotImage & { px: Float64Array; served: Float64Array };
  /** `patched`: the base run's image refreshed with the dirty persons; `read`: a full read. */
  source: 'read' | 'patched';
}

export interface RunSnapshotInput {
  runId: string;
  asOf: string;
  /** The run an incremental run builds on; absent for a full run. */
  base?: ScoreRun | undefined;
  images: SnapshotImages;
}

export async function snapshotForRun(store: SnapshotPorts, model: Model, input: RunSnapshotInput, options: SnapshotOptions = {}): Promise<RunSnapshot> {
  const { base, images } = input;
  // Asked before the image is read or patched: a change after this is newer than this run's start
  // and is picked up by the next incremental run.
  const dirtySet = base ? await store.dirtySeqsSince(base.startedAt) : undefined;
  const dirty = dirtySet?.seqs;
  const kept = base ? await images.load(base.id) : undefined;
  // An image kept without `px` or `served` (an older version's) is read afresh, once.
  const usable = kept?.px !== undefined && kept.served !== undefined && kept.asOf === input.asOf && kept.modelVersion === model.version;
  const patched = usable && dirtySet !== undefined;
  const { image, ownParts } = patched
    ? await refreshedWithParts(store, model, kept, dirtySet)
    : await readSnapshotImageWithParts(store, model, input.asOf, options);
  const patchedFrom = patched ? (kept as SnapshotImage & { px: Float64Array; served: Float64Array }) : undefined;
  const snapshot = snapshotOfImage(image, model, patchedFrom);
  const warmStart = patchedFrom ? warmStartOf(patchedFrom, image, snapshot) : undefined;
  return {
    snapshot,
    image,
    ...(ownParts ? { ownParts } : {}),
    ...(warmStart ? { warmStart } : {}),
    ...(dirty ? { dirty } : {}),
    ...(patchedFrom ? { patchedFrom } : {}),
    source: patched ? 'patched' : 'read',
  };
}

async function refreshedWithParts(store: SnapshotPorts, model: Model, kept: SnapshotImage, dirty: DirtySeqs): Promise<{ image: SnapshotImage; ownParts?: OwnParts }> {
  const image = await refreshSnapshotImage(store, model, kept, dirty);
  return image.ownParts ? { image, ownParts: image.ownParts } : { image };
}

/**
 * PROPAGATE: the network values of a run's snapshot. A full run sweeps from b; a run with the
 * base run's x refines it by a push from what changed (graph/refine-network.ts), to within
 * `propagationTolerancePoints` of the exact values in every score.
 */
export function propagateRun(run: RunSnapshot, model: Model): NetworkResult {
  const { snapshot, warmStart } = run;
  const networkPoints = pointsPerNetworkUnit(scoreWeightsOf(model), model.network.bandHalfWidth);
  if (!warmStart || !(networkPoints > 0)) {
    return propagateNetwork(snapshot.csr, snapshot.own, model.network, { mu: snapshot.mu, ...(warmStart ? { initial: warmStart.x } : {}) });
  }
  const maxResidual = (INCREMENTAL_DEFAULTS.propagationTolerancePoints * (1 - model.network.alpha)) / networkPoints;
  const { x: initial, products } = warmStart;
  // The base run's P holds when this run's CSR is the base run's own (no row rebuilt).
  const base = run.patchedFrom;
  const transition = base?.transition && base.trusted === snapshot.csr ? base.transition : undefined;
  return refineNetwork(snapshot.csr, snapshot.own, model.network, { mu: snapshot.mu, initial, maxResidual, ...(products ? { products } : {}), ...(transition ? { transition } : {}) });
}

/**
 * Keeps a run's image with the x its propagation converged to, its P·x and the network values its
 * persons are served under (everyone's for a full run; an incremental run's plan targets', the
 * base image's for the rest), for the next incremental run; in this process also with the
 * kernels' CSR, so that the next run here applies trust only to the rows its patch rebuilds
 * (about 120 bytes per person more, at 15 contacts each); with its transition P, which a next
 * run here that rebuilds no row uses as it is (about 140 bytes per person); and with everyone's
 * own parts when the run has them (72 bytes per person), so that the next run here reads no
 * records for its targets. Its `change` is dropped: it would keep the base image's contacts alive.
 */
export async function keepRunImage(images: SnapshotImages, runId: string, run: RunSnapshot, network: NetworkResult, rescored?: readonly number[]): Promise<void> {
  const image = plainImage(run.image);
  const served = servedValues(run, network, rescored);
  const { x, px, transition } = network;
  await images.save(runId, { ...image, x, px, served, trusted: run.snapshot.csr, transition, ...(run.ownParts ? { ownParts: run.ownParts } : {}) });
}

function servedValues(run: RunSnapshot, network: NetworkResult, rescored: readonly number[] | undefined): Float64Array {
  const base = run.patchedFrom?.served;
  if (!base || !rescored) return network.network;
  const served = Float64Array.from(network.network);
  served.set(base.length <= served.length ? base : base.subarray(0, served.length));
  for (const seq of rescored) served[seq] = network.network[seq]!;
  return served;
}
