/** Scores, explanations, history and the access log, checked against the store and the kernels. */
import { displayReasonCodes, roundShares } from '../../../src/domain/display-numbers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainNetwork } from '../../../src/graph/explain.js';
import { bandOf, loadModel } from '../../../src/score/index.js';
import { OTHER, startHarness, SUBJECT, type Harness } from './harness.js';

interface Explanation {
  score: number;
  base: number;
  dimensions: { dimension: string; value: number; weight: number; points: number; maxPoints: number }[];
  reasonCodes: { code: string }[];
  features: Record<string, { code: string; points: number; maxPoints: number }[]> | null;
  network: {
    available: boolean;
    value: number;
    prior: number;
    contacts: number;
    priorShare: number;
    consistentWithScore: boolean;
    bandMix?: Record<string, number> | null;
    contributions?: { personId: string; contribution: number; points: number }[];
    otherContributions?: number;
  };
}

describe('score, explanation, history and access log', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const now = h.now().getTime();
    await h.store.createConsent({ id: 'cns_read', personId: SUBJECT, consumer: 'acme-bank', purpose: 'mortgage', grantedAt: new Date(now - 1000).toISOString(), expiresAt: new Date(now + 86_400_000).toISOString() });
  });
  afterAll(() => h.close());

  it('serves the stored score of the published run', async () => {
    const run = (await h.store.publishedRun())!;
    const stored = (await h.store.scoreIn(run, SUBJECT))!;
    const response = await h.call('GET', `/v1/persons/${SUBJECT}/score`, { key: h.keys.subject });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      personId: SUBJECT,
      score: stored.score,
      band: stored.band,
      // Rounded where they leave the service: shares to 3 places, points to 0.1.
      dimensions: roundShares(stored.dimensions),
      reasonCodes: displayReasonCodes(stored.reasonCodes),
      modelVersion: stored.modelVersion,
      runId: run.id,
      asOf: run.asOf,
      publishedAt: run.publishedAt,
      disputedEvents: [],
    });
  });

  it('answers 404 problems for an unknown person and when no run is published', async () => {
    const unknown = await h.call('GET', '/v1/persons/nobody/score', { key: h.keys.analyst });
    expect(unknown.status).toBe(404);
    const empty = await startHarness({ publish: false });
    try {
      const response = await empty.call('GET', `/v1/persons/${SUBJECT}/score`, { key: empty.keys.subject });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { detail: string }).detail).toBe('no score run has been published yet');
      expect((await empty.call('GET', '/v1/influence/top', { key: empty.keys.analyst })).status).toBe(404);
    } finally {
      await empty.close();
    }
  });

  it('explains a score exactly: points per dimension add up, features reproduce the dimensions', async () => {
    const response = await h.call('GET', `/v1/persons/${SUBJECT}/explanation`, { key: h.keys.subject });
    const body = (await response.json()) as Explanation;
    // Five points rounded to 0.1 each add up to the score within their rounding (5 × 0.05) and its own (0.5).
    const total = body.base + body.dimensions.reduce((sum, d) => sum + d.points, 0);
    expect(Math.abs(total - body.score)).toBeLessThanOrEqual(0.75);
    expect(body.dimensions.map((d) => d.dimension)).toEqual(['history', 'behaviour', 'capacity', 'identity', 'network']);
    expect(body.dimensions.reduce((sum, d) => sum + d.maxPoints, 0)).toBeCloseTo(600, 1);
    // Each own dimension's value is its features' points over their maximum.
    for (const d of body.dimensions.filter((x) => x.dimension !== 'network')) {
      const features = body.features![d.dimension]!;
      const earned = features.reduce((s, f) => s + f.points, 0);
      const possible = features.reduce((s, f) => s + f.maxPoints, 0);
      expect(earned / possible).toBeCloseTo(d.value, 3); // values leave the service to 3 places
    }
  });

  it('shows a subject only aggregates of the network, an analyst every contact, both consistent with the kernel', async () => {
    const view = (await h.views.current())!;
    const seq = (await view.seqOf(SUBJECT))!;
    const why = explainNetwork(view.snapshot.csr, view.network, seq);
    const subject = (await (await h.call('GET', `/v1/persons/${SUBJECT}/explanation`, { key: h.keys.subject })).json()) as Explanation;
    expect(subject.network).toMatchObject({ available: true, contacts: why.contactCount, consistentWithScore: true });
    expect(subject.network.value).toBeCloseTo(why.network, 3); // shares leave the service to 3 places
    expect(subject.network.priorShare).toBeCloseTo(why.prior / why.network, 3);
    expect(subject.network.contributions).toBeUndefined();
    const text = JSON.stringify(subject);
    for (const contact of why.contributions) expect(text).not.toContain(`"${view.idOf(contact.contact)}"`);
    // The band mix counts every contact by its published band.
    const mix = subject.network.bandMix!;
    expect(Object.values(mix).reduce((x, y) => x + y, 0)).toBe(why.contactCount);
    let excellent = 0;
    for (const c of why.contributions) {
      const s = (await h.store.scoreIn(view.run, view.idOf(c.contact)!))!;
      if (bandOf(s.score).id === 'excellent') excellent++;
    }
    expect(mix.excellent).toBe(excellent);

    const analyst = (await (await h.call('GET', `/v1/persons/${SUBJECT}/explanation`, { key: h.keys.analyst })).json()) as Explanation;
    const contributions = analyst.network.contributions!;
    expect(contributions).toHaveLength(Math.min(50, why.contactCount));
    expect(contributions[0]!.personId).toBe(view.idOf(why.contributions[0]!.contact));
    // Exact: Σ contributions + other + prior = network value.
    const sum = contributions.reduce((s, c) => s + c.contribution, 0) + analyst.network.otherContributions! + why.prior;
    expect(sum).toBeCloseTo(why.network, 6);
  });

  it('under a model with a network band, explains the banded dimension exactly and names the band', async () => {
    const model = await loadModel();
    const banded = await startHarness({ model: { ...model, network: { ...model.network, bandHalfWidth: 0.06 } } });
    try {
      const view = (await banded.views.current())!;
      const seq = (await view.seqOf(SUBJECT))!;
      const why = explainNetwork(view.snapshot.csr, view.network, seq);
      const stored = (await banded.store.scoreIn(view.run, SUBJECT))!;
      expect(why.network).toBeCloseTo(stored.dimensions.network, 12);
      const analyst = (await (await banded.call('GET', `/v1/persons/${SUBJECT}/explanation`, { key: banded.keys.analyst })).json()) as Explanation & {
        network: { mu: number; bandHalfWidth: number | null; priorShrinkage: number; priorDeficit: number };
      };
      expect(analyst.network).toMatchObject({ available: true, prior: 0.5, bandHalfWidth: 0.06, consistentWithScore: true });
      expect(analyst.network.mu).toBeCloseTo(view.network.mu, 3);
      const sum = analyst.network.contributions!.reduce((s, c) => s + c.contribution, 0) + analyst.network.otherContributions! + analyst.network.priorShrinkage + analyst.network.priorDeficit;
      expect(sum).toBeCloseTo(stored.dimensions.network, 5);
    } finally {
      await banded.close();
    }
  });

  it('withholds the band mix from a subject with fewer than three contacts', async () => {
    const view = (await h.views.current())!;
    const n = view.snapshot.csr.nodeCount;
    let few: number | undefined;
    for (let seq = 0; seq < n && few === undefined; seq++) {
      const degree = view.snapshot.csr.offsets[seq + 1]! - view.snapshot.csr.offsets[seq]!;
      if (degree >= 1 && degree < 3) few = seq;
    }
    expect(few).toBeDefined();
    const id = view.idOf(few!)!;
    const { issueApiKey } = await import('../../../src/api/auth/api-keys.js');
    const { key } = await issueApiKey(h.store, { role: 'subject', personId: id });
    const body = (await (await h.call('GET', `/v1/persons/${id}/explanation`, { key })).json()) as Explanation;
    expect(body.network.contacts).toBeLessThan(3);
    expect(body.network.bandMix).toBeUndefined(); // withheld, with the aggregates (disclosure-logging.test.ts)
  });

  it('lists the history of published runs, newest first', async () => {
    const { recomputeInline } = await import('../../../src/jobs/recompute/inline-runner.js');
    const second = await recomputeInline(h.store, h.model, { asOf: '2026-09-30' });
    const body = (await (await h.call('GET', `/v1/persons/${OTHER}/history`, { key: h.keys.analyst })).json()) as { scores: { runId: string; asOf: string; score: number }[] };
    expect(body.scores.map((s) => s.asOf)).toEqual(['2026-09-30', '2026-06-30']);
    expect(body.scores[0]!.runId).toBe(second.run.id);
    expect(body.scores[0]!.score).toBe((await h.store.scoreIn(second.run, OTHER))!.score);
  });

  it('logs every read with who, role and consent, and shows the log to the subject', async () => {
    const before = (await h.store.accessLogOf(SUBJECT, 10_000)).length;
    const reads: [string, string][] = [
      [h.keys.consumer, 'score'],
      [h.keys.analyst, 'score'],
      [h.keys.subject, 'explanation'],
      [h.keys.analyst, 'history'],
    ];
    for (const [key, kind] of reads) {
      const response = await h.call('GET', `/v1/persons/${SUBJECT}/${kind}`, { key });
      expect(response.status).toBe(200);
    }
    // A refused read is not logged.
    expect((await h.call('GET', `/v1/persons/${SUBJECT}/score`, { key: h.keys.otherSubject })).status).toBe(403);
    const response = await h.call('GET', `/v1/persons/${SUBJECT}/access-log?limit=4`, { key: h.keys.subject });
    const log = (await response.json()) as { entries: { kind: string; role: string; actor: string; keyId: string; consentId?: string; purpose?: string }[] };
    expect((await h.store.accessLogOf(SUBJECT, 10_000)).length).toBe(before + 4);
    expect(log.entries.map((e) => [e.role, e.kind])).toEqual([
      ['analyst', 'history'],
      ['subject', 'explanation'],
      ['analyst', 'score'],
      ['consumer', 'score'],
    ]);
    expect(log.entries[3]).toMatchObject({ actor: 'acme-bank', consentId: 'cns_read', purpose: 'mortgage', keyId: h.keys.consumer.split('_')[1] });
    // Reading the log is not itself a read of the score.
    expect((await h.store.accessLogOf(SUBJECT, 10_000)).length).toBe(before + 4);
  });
});
