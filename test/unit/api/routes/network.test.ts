/** The analyst endpoints against the graph kernels, and the in-memory view's lifecycle. */
import { DirectedGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultShock } from '../../../../src/analysis/default-shock.js';
import { pushContagion } from '../../../../src/graph/contagion.js';
import { topK } from '../../../../src/graph/influence.js';
import { strongestPath } from '../../../../src/graph/strongest-path.js';
import { PublishedNetworkViews } from '../../../../src/api/network-view.js';
import { recomputeInline } from '../../../../src/jobs/recompute/inline-runner.js';
import { PERSONS, startHarness, SUBJECT, type Harness } from '../harness.js';

interface Contagion {
  runId: string;
  total: number;
  complete: boolean;
  shocks: { personId: string; shock: string; ownScoreBefore: number; ownScoreAfter: number; deltaPoints: number }[];
  summary: {
    totalPoints: number;
    affectedPoints: number;
    movedAtLeastOnePoint: number;
    bandChanges: number;
    byHop: { hops: number; persons: number; points: number; movedAtLeastOnePoint: number; bandChanges: number }[];
  };
  affected: { personId: string; deltaPoints: number; hops: number; score: number; projectedScore: number }[];
}

describe('network analytics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const simulate = async (body: unknown) => {
    const response = await h.call('POST', '/v1/contagion/simulate', { key: h.keys.analyst, body });
    expect(response.status).toBe(200);
    return (await response.json()) as Contagion;
  };

  it('a default what-if returns what the push kernel returns, sorted and paged', async () => {
    const view = (await h.views.current())!;
    const seq = (await view.seqOf(SUBJECT))!;
    const person = (await h.store.getPerson(SUBJECT))!;
    const deltaB = defaultShock({ person, events: await h.store.eventsOf(SUBJECT), asOf: view.run.asOf, model: h.model });
    const direct = pushContagion(view.snapshot.csr, view.network, [{ node: seq, deltaB }], { weights: view.weights, threshold: 0.01 });

    const all = await simulate({ shocks: [{ personId: SUBJECT, ownScore: 'default' }], threshold: 0.01, limit: 500 });
    expect(all.total).toBe(direct.affected.length);
    expect(all.complete).toBe(true);
    expect(all.shocks[0]!.ownScoreAfter - all.shocks[0]!.ownScoreBefore).toBeCloseTo(deltaB, 5);
    expect(all.affected.map((a) => a.personId)).toEqual(direct.affected.map((a) => view.idOf(a.node)));
    all.affected.forEach((a, k) => {
      expect(a.deltaPoints).toBeCloseTo(direct.affected[k]!.deltaPoints, 3);
      expect(a.hops).toBe(direct.affected[k]!.hops);
      expect(a.projectedScore).toBe(Math.round(a.score + a.deltaPoints));
    });
    // The shocked person is first with hop 0; everyone else moves down (a default only hurts).
    expect(all.affected[0]).toMatchObject({ personId: SUBJECT, hops: 0 });
    expect(all.affected.every((a) => a.deltaPoints < 0)).toBe(true);
    expect(Math.abs(all.affected[0]!.deltaPoints)).toBeGreaterThan(Math.abs(all.affected[1]!.deltaPoints));

    const page = await simulate({ shocks: [{ personId: SUBJECT, ownScore: 'default' }], threshold: 0.01, offset: 2, limit: 3 });
    expect(page.affected.map((a) => a.personId)).toEqual(all.affected.slice(2, 5).map((a) => a.personId));
    expect(page.total).toBe(all.total);
  });

  it('a new own score moves the shocked person by own-weight × Δb points', async () => {
    const view = (await h.views.current())!;
    const seq = (await view.seqOf(SUBJECT))!;
    const result = await simulate({ shocks: [{ personId: SUBJECT, ownScore: 1 }] });
    const deltaB = 1 - view.snapshot.own[seq]!;
    expect(result.shocks[0]!.deltaPoints).toBeCloseTo(view.weights.scale * view.weights.own * deltaB, 3);
    expect(result.affected.every((a) => a.deltaPoints > 0)).toBe(true);
  });

  it('lists the most influential persons in kernel order', async () => {
    const view = (await h.views.current())!;
    const expected = [...topK(view.influence().points, 5)].map((seq) => view.idOf(seq));
    const body = (await (await h.call('GET', '/v1/influence/top?limit=5', { key: h.keys.analyst })).json()) as {
      shock: string;
      persons: { rank: number; personId: string; pointsIfOwnScoreZero: number }[];
    };
    expect(body.shock).toBe('own-score-to-0');
    expect(body.persons.map((p) => p.personId)).toEqual(expected);
    expect(body.persons.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5]);
    const points = body.persons.map((p) => p.pointsIfOwnScoreZero);
    expect([...points].sort((a, b) => b - a)).toEqual(points);
  });

  it('the influence ranking and a what-if of the same named shock reconcile; a default event is a smaller shock', async () => {
    const ranking = (await (await h.call('GET', '/v1/influence/top?limit=3', { key: h.keys.analyst })).json()) as {
      shock: string;
      persons: { personId: string; pointsIfOwnScoreZero: number }[];
    };
    for (const { personId, pointsIfOwnScoreZero } of ranking.persons) {
      const zero = await simulate({ shocks: [{ personId, ownScore: 0 }], threshold: 0.01, limit: 1 });
      expect(zero.shocks[0]!.shock).toBe(ranking.shock);
      // Equal but for rounding (0.1 in the what-if, 0.01 in the ranking): the what-if counts what its push leaves.
      expect(Math.abs(-zero.summary.totalPoints - pointsIfOwnScoreZero)).toBeLessThanOrEqual(0.06);
      const event = await simulate({ shocks: [{ personId, ownScore: 'default' }], threshold: 0.01, limit: 1 });
      expect(event.shocks[0]!.shock).toBe('default-event');
      expect(-event.summary.totalPoints).toBeLessThan(pointsIfOwnScoreZero);
    }
  });

  it('sums the what-if over every affected person, not one page', async () => {
    const all = await simulate({ shocks: [{ personId: SUBJECT, ownScore: 'default' }], threshold: 0.01, limit: 500 });
    const page = await simulate({ shocks: [{ personId: SUBJECT, ownScore: 'default' }], threshold: 0.01, limit: 2 });
    expect(page.summary).toEqual(all.summary);
    const sum = all.affected.reduce((total, a) => total + a.deltaPoints, 0);
    expect(all.summary.affectedPoints).toBeCloseTo(sum, 0);
    expect(all.summary.movedAtLeastOnePoint).toBe(all.affected.filter((a) => Math.abs(a.deltaPoints) >= 1).length);
    const bandOf = (score: number) => [550, 600, 650, 700].filter((cut) => score >= cut).length;
    expect(all.summary.bandChanges).toBe(all.affected.filter((a) => bandOf(a.score) !== bandOf(a.projectedScore)).length);
    expect(all.summary.byHop.reduce((n, row) => n + row.persons, 0)).toBe(all.total);
    expect(all.summary.byHop[0]).toMatchObject({ hops: 0, persons: 1 });
  });

  it('partitions everyone into communities', async () => {
    const body = (await (await h.call('GET', '/v1/communities?limit=500', { key: h.keys.analyst })).json()) as {
      count: number;
      modularity: number;
      communities: { size: number; meanScore: number; bandMix: Record<string, number> }[];
    };
    expect(body.communities).toHaveLength(body.count);
    expect(body.communities.reduce((s, c) => s + c.size, 0)).toBe(PERSONS);
    expect(body.modularity).toBeGreaterThan(0.2);
    for (const c of body.communities) expect(Object.values(c.bandMix).reduce((x, y) => x + y, 0)).toBe(c.size);
    const sizes = body.communities.map((c) => c.size);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const risky = (await (await h.call('GET', '/v1/communities?limit=3&sort=risk', { key: h.keys.analyst })).json()) as { communities: { meanScore: number }[] };
    const lowest = Math.min(...body.communities.map((c) => c.meanScore));
    expect(risky.communities[0]!.meanScore).toBe(lowest);
  });

  it('returns the ego network as graphology JSON within maxNodes, logging each person shown', async () => {
    const view = (await h.views.current())!;
    const seq = (await view.seqOf(SUBJECT))!;
    const degree = view.snapshot.csr.offsets[seq + 1]! - view.snapshot.csr.offsets[seq]!;
    const maxNodes = degree + 1 + 5; // room for the ego, every contact and five at two hops
    const response = await h.call('GET', `/v1/persons/${SUBJECT}/network?depth=2&maxNodes=${maxNodes}`, { key: h.keys.analyst });
    const graph = (await response.json()) as {
      attributes: { ego: string; contactsTotal: number; secondHopTotal: number };
      nodes: { key: string; attributes: { hops: number; score: number; influence: number; node: number } }[];
      edges: { source: string; target: string; attributes: { kind: string | null } }[];
    };
    expect(graph.attributes).toMatchObject({ ego: SUBJECT, contactsTotal: degree });
    expect(graph.attributes.secondHopTotal).toBeGreaterThanOrEqual(graph.nodes.filter((n) => n.attributes.hops === 2).length);
    expect(graph.nodes).toHaveLength(maxNodes);
    // At least half the room goes to contacts; contacts of contacts fill the rest.
    const contacts = graph.nodes.filter((n) => n.attributes.hops === 1).length;
    expect(contacts).toBeGreaterThanOrEqual(Math.min(degree, Math.ceil((maxNodes - 1) / 2)));
    expect(contacts).toBeLessThanOrEqual(degree);
    // Every drawn pair says what links it, as the records hold it.
    const kinds = new Set(graph.edges.map((e) => e.attributes.kind));
    expect([...kinds].every((kind) => kind === 'friendship' || kind === 'payment' || kind === 'both')).toBe(true);
    expect(graph.nodes[0]).toMatchObject({ key: SUBJECT, attributes: { hops: 0 } });
    expect(new Set(graph.nodes.map((n) => n.attributes.hops))).toEqual(new Set([0, 1, 2]));
    const influence = view.influence().points;
    for (const node of graph.nodes) expect(node.attributes.influence).toBeCloseTo(influence[node.attributes.node]!, 2);
    const keys = new Set(graph.nodes.map((n) => n.key));
    for (const edge of graph.edges) expect(keys.has(edge.source) && keys.has(edge.target)).toBe(true);
    const imported = DirectedGraph.from(graph as never);
    expect(imported.order).toBe(maxNodes);
    for (const node of graph.nodes) expect((await h.store.accessLogOf(node.key, 1))[0]).toMatchObject({ kind: 'network', role: 'analyst' });
    const bad = await h.call('GET', `/v1/persons/${SUBJECT}/network?depth=3`, { key: h.keys.analyst });
    expect(bad.status).toBe(400);
  });

  it('answers the strongest-tie path as the kernel finds it, logging every person on it', async () => {
    const view = (await h.views.current())!;
    const from = (await view.seqOf(SUBJECT))!;
    const top = [...topK(view.influence().points, 20)].find((seq) => seq !== from)!;
    const to = view.idOf(top)!;
    const response = await h.call('GET', `/v1/paths/strongest?from=${SUBJECT}&to=${to}`, { key: h.keys.analyst });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { found: boolean; hops: number; strength: number; steps: { personId: string; shareOfPrevious: number | null }[] };
    const kernel = strongestPath(view.snapshot.csr, view.network.transition, from, top);
    expect(body.found).toBe(true);
    expect(body.steps.map((s) => s.personId)).toEqual(kernel.nodes.map((seq) => view.idOf(seq)));
    expect(body.hops).toBe(kernel.nodes.length - 1);
    expect(body.strength).toBeCloseTo(kernel.strength, 6);
    expect(body.steps[0]!.shareOfPrevious).toBeNull();
    for (const step of body.steps) expect((await h.store.accessLogOf(step.personId, 1))[0]).toMatchObject({ kind: 'network', role: 'analyst' });
    expect((await h.call('GET', `/v1/paths/strongest?from=${SUBJECT}&to=nobody`, { key: h.keys.analyst })).status).toBe(404);
    expect((await h.call('GET', `/v1/paths/strongest?from=${SUBJECT}&to=${to}`, { key: h.keys.subject })).status).toBe(403);
  });

  it('builds the view once per published run, shared by concurrent requests, and again after a new run', async () => {
    const fresh = await startHarness();
    try {
      expect(fresh.views.builds).toBe(0);
      const responses = await Promise.all(Array.from({ length: 8 }, () => fresh.call('GET', '/v1/influence/top?limit=1', { key: fresh.keys.analyst })));
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(fresh.views.builds).toBe(1);
      const run = await recomputeInline(fresh.store, fresh.model, { asOf: '2026-07-31' });
      const body = (await (await fresh.call('GET', '/v1/influence/top?limit=1', { key: fresh.keys.analyst })).json()) as { runId: string };
      expect(body.runId).toBe(run.run.id);
      expect(fresh.views.builds).toBe(2);
      // Both views started from the runs' kept snapshot images, and equal a view read from the store.
      expect(fresh.views.fromImages).toBe(2);
      const fromStore = await new PublishedNetworkViews(fresh.store, fresh.model).current();
      const fromImage = (await fresh.views.current())!;
      expect(fromStore!.snapshot.ids).toEqual(fromImage.snapshot.ids);
      const gap = fromStore!.network.network.reduce((worst, value, seq) => Math.max(worst, Math.abs(value - fromImage.network.network[seq]!)), 0);
      expect(gap).toBeLessThan(1e-9);
    } finally {
      await fresh.close();
    }
  });

  it('after an erasure the view reads the store, not the run\'s kept image that still holds the person', async () => {
    const fresh = await startHarness();
    try {
      const before = (await fresh.views.current())!;
      expect(fresh.views.fromImages).toBe(1);
      const erased = before.snapshot.ids.find((id) => id !== undefined && id !== SUBJECT)!;
      await fresh.store.erasePerson(erased, { idHash: 'cd'.repeat(32), at: new Date().toISOString(), requestedBy: 'test', role: 'admin' });
      fresh.views.invalidate();
      const after = (await fresh.views.current())!;
      expect(after.run.id).toBe(before.run.id);
      expect(fresh.views.fromImages).toBe(1);
      expect(after.snapshot.ids).not.toContain(erased);
      expect(before.snapshot.ids).toContain(erased);
    } finally {
      await fresh.close();
    }
  });
});

// Issue 19, item 9 (second half): a person erased while a what-if is being answered — after the
// route found their row in the network view, before it read their record for the default shock —
// is a 404, not a 500 from a missing record. The erasure is made to land exactly in that gap.
describe('a what-if of a person erased meanwhile', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers 404 naming the person', async () => {
    const erased = 'p042';
    const getPerson = h.store.getPerson.bind(h.store);
    let calls = 0;
    h.store.getPerson = async (id) => {
      const person = await getPerson(id);
      if (id === erased && ++calls === 1) {
        await h.store.erasePerson(erased, { idHash: 'f'.repeat(64), at: new Date().toISOString(), requestedBy: 'test', role: 'admin' });
      }
      return person;
    };
    const response = await h.call('POST', '/v1/contagion/simulate', { key: h.keys.analyst, body: { shocks: [{ personId: erased, ownScore: 'default' }] } });
    expect(calls).toBeGreaterThanOrEqual(2); // found in the view, then looked up again for the shock
    expect(response.status).toBe(404);
    expect(((await response.json()) as { detail: string }).detail).toBe(`no person "${erased}"`);
  });
});
