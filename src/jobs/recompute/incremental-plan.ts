/**
 * Which persons an incremental run rescores (docs/design.md, "Incremental recompute"): the dirty set —
 * every person whose record, events or edges changed since the base run started — plus everyone
 * the contagion push from the dirty set reaches by at least the tolerance in points.
 *
 * The shock of a dirty person is the change of their own score b since the base run (b_old from
 * the base run's image). The push runs on the new snapshot, so it measures how the changed own
 * scores move everybody else. Changed edges are covered at their ends (both persons are dirty and
 * rescored exactly) and at the ends' contacts, whose new network value is checked against the one
 * their served score was computed with (kept in the base image: `served`); a changed edge moves
 * its ends' smoothed score x with b unchanged. Effects two hops out, damped by α·P, and the shift
 * of μ stay below the tolerance for the small changes an incremental run is for. A person not
 * rescored keeps the base run's score through the lineage.
 *
 * Pure: everything it needs is in memory, so its cost does not grow with the lineage.
 */
import { ContagionWorkspace, pushContagion, type NetworkResult } from '../../graph/index.js';
import { scoreWeightsOf } from '../../analysis/score-weights.js';
import type { Model } from '../../score/index.js';
import type { Snapshot, SnapshotImage } from './snapshot-image.js';

export const INCREMENTAL_DEFAULTS = {
  /** Rescore persons whose score the push moves by at least this many points. */
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
  /** Persons the push moved by at least the tolerance, besides the dirty ones. */
  reached: number;
  pushes: number;
}

/** What the plan needs of the base run's image: its own scores and the network values its persons are served under. */
export type PlanBase = Pick<SnapshotImage, 'ids' | 'own'> & { served: Float64Array };

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
  const dirty = changed.filter((seq) => seq < snapshot.csr.nodeCount && snapshot.ids[seq] !== undefined);
  const shocks = dirty.flatMap((seq) => {
    // A new person moves others from μ, which is where they stood.
    const deltaB = base.ids[seq] === undefined ? 0 : snapshot.own[seq]! - base.own[seq]!;
    return deltaB === 0 ? [] : [{ node: seq, deltaB }];
  });
  const targets = new Set(dirty);
  const weights = scoreWeightsOf(model);
  let pushes = 0;
  if (shocks.length > 0) {
    const result = pushContagion(snapshot.csr, network, shocks, {
      workspace: new ContagionWorkspace(snapshot.csr, network),
      weights,
      threshold: tolerancePoints,
      tolerance: tolerancePoints / 4,
    });
    for (const affected of result.affected) targets.add(affected.node);
    pushes = result.pushes;
  }
  // A changed edge also changes its ends' smoothed scores x with b unchanged, which the push
  // above does not see; their contacts' network values move with it (by 600·w_network·s·P·Δx,
  // several points once the network weight is 0.145). So the contacts of the dirty persons are
  // checked exactly: rescored when the new propagation moves their network value by at least the
  // tolerance against the one their served score holds.
  const { offsets, targets: contacts } = snapshot.csr;
  const networkPoints = weights.scale * weights.network;
  for (const seq of dirty) {
    for (let k = offsets[seq]!; k < offsets[seq + 1]!; k++) {
      const contact = contacts[k]!;
      if (targets.has(contact) || contact >= base.served.length) continue;
      if (networkPoints * Math.abs(network.network[contact]! - base.served[contact]!) >= tolerancePoints) targets.add(contact);
    }
  }
  return { targets: [...targets].sort((x, y) => x - y), dirty: dirty.length, reached: targets.size - dirty.length, pushes };
}

/** The plan of an incremental run whose base image was gone (its snapshot was read afresh): everyone is rescored. */
export function planEveryone(snapshot: Snapshot, changed: readonly number[]): IncrementalPlan {
  const targets: number[] = [];
  for (let seq = 0; seq < snapshot.ids.length; seq++) if (snapshot.ids[seq] !== undefined) targets.push(seq);
  const dirty = changed.filter((seq) => seq < snapshot.ids.length && snapshot.ids[seq] !== undefined).length;
  return { targets, dirty, reached: targets.length - dirty, pushes: 0 };
}
