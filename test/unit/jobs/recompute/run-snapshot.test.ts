// An incremental run in the process that ran its base run applies trust only to the rows its
// patch rebuilt and carries the base run's trusted weights over the others: the result must be
// exactly what applying trust afresh to the patched image gives.
import { describe, expect, it } from 'vitest';
import { propagateNetwork, trustArray, withTrust, type NetworkResult } from '../../../../src/graph/index.js';
import { recomputeInline } from '../../../../src/jobs/recompute/inline-runner.js';
import { propagateRun, snapshotForRun } from '../../../../src/jobs/recompute/run-snapshot.js';
import { INCREMENTAL_DEFAULTS } from '../../../../src/jobs/recompute/incremental-plan.js';
import { scoreWeightsOf } from '../../../../src/analysis/score-weights.js';
import { snapshotOfImage, type Snapshot } from '../../../../src/jobs/recompute/snapshot-image.js';
import { MemorySnapshotImages } from '../../../../src/jobs/recompute/snapshot-images.js';
import { loadModel, type Model } from '../../../../src/score/index.js';
import { MemoryStore } from '../../../../src/store/memory/memory-store.js';
import { event, person } from '../../../contract/store-contract.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../../support/synthetic-store.js';

/** The largest difference, in score points, between `refined`'s network values and a full propagation's on `snapshot`. */
function largestErrorInPoints(refined: NetworkResult, snapshot: Snapshot, model: Model): number {
  const exact = propagateNetwork(snapshot.csr, snapshot.own, model.network, { mu: snapshot.mu, tolerance: 1e-14 });
  const { scale, network: networkWeight } = scoreWeightsOf(model);
  let largest = 0;
  for (let seq = 0; seq < exact.network.length; seq++) largest = Math.max(largest, Math.abs(refined.network[seq]! - exact.network[seq]!));
  return scale * networkWeight * largest;
}

describe('snapshotForRun on a kept image', () => {
  it('carries the base run’s trusted weights over the kept rows, exactly as applying trust afresh', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, 800, 3);
    const images = new MemorySnapshotImages();
    const full = await recomputeInline(store, model, { asOf: SYNTH_AS_OF, images });
    const kept = (await images.load(full.run.id))!;
    expect(kept.trusted).toBe(full.snapshot.csr);
    expect(kept.change).toBeUndefined(); // never kept: it would hold the base image's contacts
    await new Promise((resolve) => setTimeout(resolve, 5));
    const ids = full.snapshot.ids as string[];
    await store.upsertEvents([event('carry-default', ids[5]!, { kind: 'defaulted', at: '2026-05-01', amount: 900 })]);
    await store.upsertPersons([{ ...(await store.getPerson(ids[6]!))!, verified: false }]); // trust changes: rows linking 6 too
    await store.upsertFriendships([{ a: ids[7]!, b: ids[8]!, since: '2026-06-01', interactions: 40 }]);
    await store.upsertPersons([person('carry-newcomer', { accountCreated: '2026-06-01' })]);
    await store.upsertFriendships([{ a: 'carry-newcomer', b: ids[9]!, since: '2026-06-10', interactions: 20 }]);

    const run = await snapshotForRun(store, model, { runId: 'next', asOf: SYNTH_AS_OF, base: full.run, images });
    expect(run.source).toBe('patched');
    const { image, snapshot } = run;
    expect(image.change!.rows.length).toBeLessThan(snapshot.csr.nodeCount / 4);
    const fresh = withTrust(image.contacts, trustArray(image.verified, image.accountAgeDays, model.network));
    expect(Array.from(snapshot.csr.weights)).toEqual(Array.from(fresh.weights));

    // The kept rows really are carried: from a base whose trusted weights were all zero, only the rebuilt rows hold any.
    const zeroed = { ...kept, trusted: { ...kept.trusted!, weights: new Float64Array(kept.trusted!.weights.length) } };
    const fromZeros = snapshotOfImage(image, model, zeroed).csr;
    const rebuilt = new Set(image.change!.rows);
    for (let i = 0; i < fromZeros.nodeCount; i++) {
      for (let e = fromZeros.offsets[i]!; e < fromZeros.offsets[i + 1]!; e++) expect(fromZeros.weights[e]).toBe(rebuilt.has(i) ? fresh.weights[e] : 0);
    }
    // Without the base run's CSR (an image decoded from Redis by another worker) trust is applied afresh.
    expect(Array.from(snapshotOfImage(image, model, { ...kept, trusted: undefined }).csr.weights)).toEqual(Array.from(fresh.weights));

    // The propagation refines the base run's x, carrying its P·x over every row the patch kept:
    // every score within the tolerance of a full propagation on the patched snapshot.
    expect(run.warmStart?.products?.changedRows).toBe(image.change!.rows);
    const refined = propagateRun(run, model);
    expect(refined.iterations).toBe(1);
    expect(largestErrorInPoints(refined, snapshot, model)).toBeLessThanOrEqual(INCREMENTAL_DEFAULTS.propagationTolerancePoints);
  });

  it('propagates on the base run’s own CSR and transition when only events changed, within the tolerance of a full propagation', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, 800, 5);
    const images = new MemorySnapshotImages();
    const full = await recomputeInline(store, model, { asOf: SYNTH_AS_OF, images });
    const kept = (await images.load(full.run.id))!;
    expect(kept.transition).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const ids = full.snapshot.ids as string[];
    await store.upsertEvents(ids.slice(0, 40).map((id, k) => event(`events-only-${k}`, id, { kind: 'defaulted', at: '2026-05-01', amount: 900 })));

    const run = await snapshotForRun(store, model, { runId: 'next', asOf: SYNTH_AS_OF, base: full.run, images });
    expect(run.snapshot.csr).toBe(kept.trusted);
    const refined = propagateRun(run, model);
    expect(refined.transition).toBe(kept.transition);
    expect(Array.from(refined.network)).not.toEqual(Array.from(kept.served!)); // the defaults moved the network values
    expect(largestErrorInPoints(refined, run.snapshot, model)).toBeLessThanOrEqual(INCREMENTAL_DEFAULTS.propagationTolerancePoints);
  });
});
