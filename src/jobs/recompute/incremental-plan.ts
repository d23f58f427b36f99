/**
 * Which persons an incremental run rescores (docs/design.md, "Incremental recompute"): the dirty set —
 * every person whose record, events or edges changed since the base run started — plus everyone
 * whose network dimension this run's propagation moved by at least the tolerance in points.
 *
 * The move is measured exactly, to the propagation's own tolerance: each person's dimension from
 * this run's contact sums P·x against the one the base run's sums (kept in its image) give under
 * this run's P and μ (graph/network-change.ts). That sees a changed own score, a changed edge
 * moving its ends' x, and whatever either does hops away. Rows of P rebuilt since the base run
 * (the dirty persons' and, when a trust changed, their contacts') are compared another way: the
 * dirty persons are rescored anyway, and their contacts are rescored when their new dimension moved
 * by at least the tolerance against the one their served score holds (kept in the base image:
 * `served`). The shift of μ is held out; it stays below the tolerance for the small changes an
 * incremental run is for. A person not rescored keeps the base run's score through the lineage.
 *
 * Pure: everything it needs is in memory, so its cost does not grow with the lineage.
 */
import { movedNetworkValues, type NetworkResult } from '../../graph/index.js';
import { scoreWeightsOf } from '../../analysis/score-weights.js';
import type { Model } from '../../score/index.js';
import type { Snapshot } from './snapshot-image.js';

export const INCREMENTAL_DEFAULTS = {
  /** Rescore persons whose score the run moves by at least this many points. */
  tolerancePoints: 0.25,
  /** The largest error, in points, of any score's network part after a refinement from the base run's x. */
  propagationTolerancePoints: 0.01,
  /** A base lineage longer than this makes the next run a full one (reads stay short). */
  maxLineage: 30,
};

export interface IncrementalPlan {
  /** Seqs to rescore, ascending. */
  targets: number[];
  dirty: number;
  /** Persons the run moved by at least the tolerance, besides the dirty ones. */
  reached: number;
}

/** What the plan needs of the base run's image: its contact sums P·x and the network dimensions its persons are served under. */
export interface PlanBase {
  px: Float64Array;
  served: Float64Array;
}

/**
 * @example
 * const plan = planIncremental(baseImage, snapshot, network, model, dirtySeqs);
 * plan.targets; // [17, 402, 403, …]
 */
export function planIncremental(
  base: PlanBase,
  snapshot: Snapshot,
  network: NetworkResult,
  model: Model,
  /** The seqs whose data changed since the base run started (see run-snapshot.ts). */
  changed: readonly number[],
  tolerancePoints: number = INCREMENTAL_DEFAULTS.tolerancePoints,
): IncrementalPlan {
  const { ids } = snapshot;
  const dirty = changed.filter((seq) => seq < snapshot.csr.nodeCount && ids[seq] !== undefined);
  const targets = new Set(dirty);
  const weights = scoreWeightsOf(model);
  const networkPoints = weights.scale * weights.network;
  if (networkPoints > 0) {
    for (const seq of movedNetworkValues(network, base.px, tolerancePoints / networkPoints, (i) => ids[i] === undefined)) targets.add(seq);
  }
  // The dirty persons' contacts, whose rows of P may have been rebuilt (a trust changed): their new
  // dimension against the one their served score holds.
  const { offsets, targets: contacts } = snapshot.csr;
  for (const seq of dirty) {
    for (let k = offsets[seq]!; k < offsets[seq + 1]!; k++) {
      const contact = contacts[k]!;
      if (targets.has(contact) || contact >= base.served.length) continue;
      if (networkPoints * Math.abs(network.network[contact]! - base.served[contact]!) >= tolerancePoints) targets.add(contact);
    }
  }
  return { targets: [...targets].sort((x, y) => x - y), dirty: dirty.length, reached: targets.size - dirty.length };
}

/** The plan of an incremental run whose base image was gone (its snapshot was read afresh): everyone is rescored. */
export function planEveryone(snapshot: Snapshot, changed: readonly number[]): IncrementalPlan {
  const targets: number[] = [];
  for (let seq = 0; seq < snapshot.ids.length; seq++) if (snapshot.ids[seq] !== undefined) targets.push(seq);
  const dirty = changed.filter((seq) => seq < snapshot.ids.length && snapshot.ids[seq] !== undefined).length;
  return { targets, dirty, reached: targets.length - dirty };
}
