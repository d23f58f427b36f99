// An incremental run in the process that ran its base run carries the base run's trusted CSR
// and transition over every row the patch kept: the result must be exactly what deriving them
// afresh from the patched image gives.
import { describe, expect, it } from 'vitest';
import { withTrust } from '../../../src/graph/nominal-csr.js';
import { trustArray } from '../../../src/graph/csr.js';
import { buildTransition, propagateNetwork } from '../../../src/graph/propagate.js';
import { recomputeInline } from '../../../src/jobs/recompute/inline-runner.js';
import { propagateRun, snapshotForRun } from '../../../src/jobs/recompute/run-snapshot.js';
import { MemorySnapshotImages } from '../../../src/jobs/recompute/snapshot-images.js';
import { loadModel } from '../../../src/score/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { event, person } from '../../contract/store-contract.js';
import { loadSyntheticPopulation, SYNTH_AS_OF } from '../../support/synthetic-store.js';

describe('snapshotForRun on a kept image', () => {
  it('carries the base run’s CSR and transition over the kept rows, exactly as deriving them afresh', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, 800, 3);
    const images = new MemorySnapshotImages();
    const full = await recomputeInline(store, model, { asOf: SYNTH_AS_OF, images });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const ids = full.snapshot.ids as string[];
    await store.upsertEvents([event('carry-default', ids[5]!, { kind: 'defaulted', at: '2026-05-01', amount: 900 })]);
    await store.upsertPersons([{ ...(await store.getPerson(ids[6]!))!, verified: false }]); // trust changes: rows linking 6 too
    await store.upsertFriendships([{ a: ids[7]!, b: ids[8]!, since: '2026-06-01', interactions: 40 }]);
    await store.upsertPersons([person('carry-newcomer', { accountCreated: '2026-06-01' })]);
    await store.upsertFriendships([{ a: 'carry-newcomer', b: ids[9]!, since: '2026-06-10', interactions: 20 }]);

    const run = await snapshotForRun(store, model, { runId: 'next', asOf: SYNTH_AS_OF, base: full.run, images });
    expect(run.source).toBe('patched');
    expect(run.carried).toBeDefined();
    expect(run.carried!.change.rows.length).toBeLessThan(run.snapshot.csr.nodeCount / 4);

    const { image, snapshot } = run;
    const fresh = withTrust(image.contacts, trustArray(image.verified, image.accountAgeDays, model.network));
    expect(Array.from(snapshot.csr.weights)).toEqual(Array.from(fresh.weights));
    const network = propagateRun(run, model);
    const whole = buildTransition(fresh, model.network);
    for (const key of ['p', 'degree', 'rowSum', 'shrink'] as const) expect(Array.from(network.transition[key])).toEqual(Array.from(whole[key]));
    const afresh = propagateNetwork(fresh, snapshot.own, model.network, { mu: snapshot.mu, initial: run.warmStart! });
    expect(Array.from(network.network)).toEqual(Array.from(afresh.network));
  });

  it('derives everything afresh from an image read back without its run’s CSR', async () => {
    const store = new MemoryStore();
    const model = await loadModel();
    await loadSyntheticPopulation(store, 300, 4);
    const images = new MemorySnapshotImages();
    const full = await recomputeInline(store, model, { asOf: SYNTH_AS_OF, images });
    const kept = (await images.load(full.run.id))!;
    expect(kept.derived).toBeDefined();
    expect(kept.change).toBeUndefined(); // never kept: it would hold the base image's contacts
    await images.save(full.run.id, { ...kept, derived: undefined }); // as decoded from Redis by another worker
    await store.upsertEvents([event('cold-default', (full.snapshot.ids as string[])[5]!, { kind: 'defaulted', at: '2026-05-01', amount: 900 })]);
    const run = await snapshotForRun(store, model, { runId: 'cold', asOf: SYNTH_AS_OF, base: full.run, images });
    expect(run.source).toBe('patched');
    expect(run.carried).toBeUndefined();
  });
});
