/**
 * A score's explanation: how many points each dimension earned, the reason codes, the
 * per-feature breakdown of the four own dimensions and the network part — for an analyst
 * contact by contact (exact: Σ contributions + prior = network value), for the subject only as
 * aggregates (how many contacts, their band mix, the prior's share), never another person's
 * score (DESIGN.md, "Explainable" and "Private").
 */
import { explainNetwork } from '../graph/explain.js';
import { BANDS, bandOf, DIMENSIONS, PERSONAL_DIMENSIONS, SCORE_MIN, SCORE_SPAN, scoreOwnDimensions, type Model } from '../score/index.js';
import type { Store } from '../store/store.js';
import type { NetworkView } from './network-view.js';
import type { ServedScore } from './reads.js';

/**
 * Below this many contacts the subject gets no per-contact quantity: no band mix (it would tell
 * a contact's band) and none of the aggregates — prior, contact weight, prior share — from which,
 * with one contact, that contact's exact smoothed score follows
 * (x_j = value·(1 − priorShare) / (contactWeight·cap)).
 */
export const MIN_CONTACTS_FOR_BAND_MIX = 3;
/** Contacts listed one by one for an analyst; the rest are summed. */
export const ANALYST_CONTRIBUTIONS = 50;
/** Agreement needed between the view's network value and the stored one. */
const SAME = 1e-9;

export type Audience = 'subject' | 'analyst';

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Contacts' published scores → counts per band (`unscored`: no score in the run). */
async function bandMix(view: NetworkView, contacts: number[]): Promise<Record<string, number>> {
  const scores = await view.scores();
  const mix: Record<string, number> = Object.fromEntries(BANDS.map((band) => [band.id, 0]));
  mix.unscored = 0;
  for (const seq of contacts) {
    const value = scores[seq]!;
    if (Number.isNaN(value)) mix.unscored!++;
    else mix[bandOf(value).id]!++;
  }
  return mix;
}

export async function buildExplanation(
  served: ServedScore,
  view: NetworkView | undefined,
  deps: { store: Store; model: Model },
  audience: Audience,
): Promise<Record<string, unknown>> {
  const { run, person, score } = served;
  const { model } = deps;
  const weights = model.weights;
  const dimensions = DIMENSIONS.map((dimension) => {
    const value = score.dimensions[dimension];
    const maxPoints = SCORE_SPAN * weights[dimension];
    return { dimension, value: round(value, 6), weight: weights[dimension], points: round(maxPoints * value, 2), maxPoints: round(maxPoints, 2), pointsLost: round(maxPoints * (1 - value), 2) };
  });

  // The per-feature breakdown is recomputed from today's records; it is shown only when it
  // reproduces the stored dimensions (same model, records unchanged since the run).
  let features: Record<string, unknown> | null = null;
  if (run.modelVersion === model.version && score.modelVersion === model.version) {
    const own = scoreOwnDimensions({ person, events: served.events, asOf: run.asOf, model });
    if (PERSONAL_DIMENSIONS.every((d) => Math.abs(own[d].value - score.dimensions[d]) < SAME)) {
      features = Object.fromEntries(
        PERSONAL_DIMENSIONS.map((d) => [d, own[d].features.map((f) => ({ code: f.code, measure: f.measure, value: round(f.value, 6), points: f.points, maxPoints: f.maxPoints, reason: f.reason }))]),
      );
    }
  }

  let network: Record<string, unknown> = { available: false, reason: 'the network of the published run is not loaded' };
  const seq = view && view.run.id === run.id ? await view.seqOf(person.id) : undefined;
  if (view && view.run.id === run.id && seq === undefined) {
    network = { available: false, reason: 'the person joined after the published run; their network value is the prior' };
  } else if (view && seq !== undefined) {
    const why = explainNetwork(view.snapshot.csr, view.network, seq, { limit: audience === 'analyst' ? ANALYST_CONTRIBUTIONS : 0 });
    const networkPoints = SCORE_SPAN * weights.network;
    const contacts = Array.from(view.snapshot.csr.targets.subarray(view.snapshot.csr.offsets[seq]!, view.snapshot.csr.offsets[seq + 1]!));
    const common = {
      available: true,
      value: round(why.network, 6),
      prior: round(why.mu, 6),
      contacts: why.contactCount,
      contactWeight: round(why.credibility, 6),
      priorShare: why.network > 0 ? round(why.prior / why.network, 6) : 1,
      consistentWithScore: Math.abs(why.network - score.dimensions.network) < SAME,
    };
    if (audience === 'subject' && why.contactCount < MIN_CONTACTS_FOR_BAND_MIX) {
      network = {
        available: true,
        value: common.value,
        contacts: why.contactCount,
        consistentWithScore: common.consistentWithScore,
        withheld: `fewer than ${MIN_CONTACTS_FOR_BAND_MIX} contacts: their band mix, the prior and how much weight your contacts carry are withheld, since they would tell a contact's score`,
      };
    } else if (audience === 'subject') {
      network = { ...common, bandMix: await bandMix(view, contacts) };
    } else {
      network = {
        ...common,
        bandMix: await bandMix(view, contacts),
        priorShrinkage: round(why.priorShrinkage, 6),
        priorDeficit: round(why.priorDeficit, 6),
        contributions: why.contributions.map((c) => ({
          personId: view.idOf(c.contact) ?? null,
          weight: round(c.weight, 6),
          share: round(c.share, 6),
          value: round(c.value, 6),
          contribution: round(c.contribution, 8),
          points: round(networkPoints * c.contribution, 4),
        })),
        otherContributions: round(why.otherContributions, 8),
      };
    }
  }

  return {
    personId: person.id,
    score: score.score,
    band: score.band,
    modelVersion: score.modelVersion,
    runId: run.id,
    asOf: run.asOf,
    base: SCORE_MIN,
    dimensions,
    reasonCodes: score.reasonCodes,
    features,
    network,
  };
}
