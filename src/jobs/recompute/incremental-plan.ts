/**
 * Which persons an incremental run rescores (docs/design.md, "Incremental recompute"): the dirty set —
 * every person whose record, events or edges changed since the base run started — plus everyone
 * the contagion push from the dirty set reaches by at least the tolerance in points.
 *
 * The shock of a dirty person is the change of their own score b since the base run (b_old from
 * the base run's stored dimensions). The push runs on the new snapshot, so it measures how the
 * changed own scores move everybody else. Changed edges are covered at their ends (both persons
 * are dirty and rescored exactly) and at the ends' contacts, whose new network value is checked
 * against the base run's (a changed edge moves its ends' smoothed score x with b unchanged);
 * effects two hops out, damped by α·P, and the shift of μ stay below the tolerance for the small
 * changes an incremental run is for. A person not rescored keeps the base run's score through
 * the lineage.
 */
import type { ScoreRun } from '../../domain/scores.js';
import { ContagionWorkspace, pushContagion, type NetworkResult } from '../../graph/index.js';
import { scoreWeightsOf } from '../../analysis/score-weights.js';
import { ownScore, type Model } from '../../score/index.js';
import type { IncrementalPlanPorts } from './recompute-ports.js';
import type { Snapshot } from './snapshot.js';

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

/**
 * @example
 * const plan = await planIncremental(store, base, snapshot, network, model, await store.dirtySeqsSince(base.startedAt));
 * plan.targets; // [17, 402, 403, …]
 */
export async function planIncremental(
  store: IncrementalPlanPorts,
  base: ScoreRun,
  snapshot: Snapshot,
  network: NetworkResult,
  model: Model,
  /** The seqs whose data changed since the base run started (see run-snapshot.ts). */
  changed: readonly number[],
  tolerancePoints: number = INCREMENTAL_DEFAULTS.tolerancePoints,
): Promise<IncrementalPlan> {
  const dirty = changed.filter((seq) => seq < snapshot.csr.nodeCount && snapshot.ids[seq] !== undefined);
  const before = new Map((await store.scoresAtSeqs(base, dirty)).map((score) => [score.seq, ownScore(score.dimensions, model)]));
  const shocks = dirty.flatMap((seq) => {
    const old = before.get(seq);
    const deltaB = old === undefined ? 0 : snapshot.own[seq]! - old; // a new person moves others from μ, which is where they stood
    return deltaB === 0 ? [] : [{ node: seq, deltaB }];
  });
  const targets = new Set(dirty);
  let pushes = 0;
  if (shocks.length > 0) {
    const result = pushContagion(snapshot.csr, network, shocks, {
      workspace: new ContagionWorkspace(snapshot.csr, network),
      weights: scoreWeightsOf(model),
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
  // tolerance against the base run's stored one (one read of that ring's base scores).
  const ring = new Set<number>();
  const { offsets, targets: contacts } = snapshot.csr;
  for (const seq of dirty) {
    for (let k = offsets[seq]!; k < offsets[seq + 1]!; k++) if (!targets.has(contacts[k]!)) ring.add(contacts[k]!);
  }
  const networkPoints = scoreWeightsOf(model);
  for (const score of await store.scoresAtSeqs(base, [...ring])) {
    const moved = networkPoints.scale * networkPoints.network * Math.abs(network.network[score.seq]! - score.dimensions.network);
    if (moved >= tolerancePoints) targets.add(score.seq);
  }
  return { targets: [...targets].sort((x, y) => x - y), dirty: dirty.length, reached: targets.size - dirty.length, pushes };
}
