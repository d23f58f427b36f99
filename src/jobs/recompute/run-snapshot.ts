/**
 * The SNAPSHOT step of a run, for both runners: a full run reads the population; an incremental
 * run takes its base run's kept image and re-reads only the dirty persons (everyone whose record,
 * events or edges changed since the base run started), falling back to a full read when the
 * image is gone or was computed for another as-of date or model. Either way the run's image is
 * kept for the run after it.
 */
import type { ScoreRun } from '../../domain/scores.js';
import type { Model } from '../../score/index.js';
import type { Store } from '../../store/store.js';
import { readSnapshotImage, refreshSnapshotImage, type SnapshotOptions } from './snapshot.js';
import { snapshotOfImage, type Snapshot } from './snapshot-image.js';
import type { SnapshotImages } from './snapshot-images.js';

export interface RunSnapshot {
  snapshot: Snapshot;
  /** Incremental runs: the seqs whose data changed since the base run started, ascending. */
  dirty?: number[];
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

export async function snapshotForRun(store: Store, model: Model, input: RunSnapshotInput, options: SnapshotOptions = {}): Promise<RunSnapshot> {
  const { base, images } = input;
  // Asked before the image is read or patched: a change after this is newer than this run's start
  // and is picked up by the next incremental run.
  const dirty = base ? await store.dirtySeqsSince(base.startedAt) : undefined;
  const kept = base ? await images.load(base.id) : undefined;
  const usable = kept !== undefined && kept.asOf === input.asOf && kept.modelVersion === model.version;
  const image = usable && dirty ? await refreshSnapshotImage(store, model, kept, dirty) : await readSnapshotImage(store, model, input.asOf, options);
  await images.save(input.runId, image);
  return { snapshot: snapshotOfImage(image, model), ...(dirty ? { dirty } : {}), source: usable ? 'patched' : 'read' };
}
