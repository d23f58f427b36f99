/**
 * A score's explanation: how many points each dimension earned, the reason codes, the
 * per-feature breakdown of the four own dimensions and the network part — for an analyst
 * contact by contact (exact: Σ contributions + prior = network value), for the subject only as
 * aggregates (how many contacts, their band mix, the prior's share), never another person's
 * score (DESIGN.md, "Explainable" and "Private").
 *
 * Points are measured against the one reference reason codes use (src/score/reason-codes.ts,
 * `REASON_REFERENCE`, carried in the answer): a feature against its typical points, the network
 * against the prior, so `pointsFromContacts` is what the score would change by without any
 * contact. Numbers are rounded here, where they leave the service (points to 0.1, shares to 3
 * places).
 */
import { displayReasonCodes, roundPoints, roundShare, roundTo } from '../domain/display-numbers.js';
import { bandCentre, explainNetwork } from '../graph/index.js';
import {
  BANDS,
  bandOf,
  DIMENSIONS,
  formatMeasure,
  maxPointsOf,
  MIN_REASON_POINTS,
  networkPointsVsPrior,
  PERSONAL_DIMENSIONS,
  REASON_REFERENCE,
  referencePointsOf,
  SCORE_MIN,
  SCORE_SPAN,
  scoreOwnDimensions,
  type Dimension,
  type Model,
} from '../score/index.js';
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

/** The score points of dimension k at its reference: its features' typical points, or the prior for the network. */
function dimensionReferencePoints(dimension: Dimension, model: Model, prior: number | undefined): number | undefined {
  const maxPoints = SCORE_SPAN * model.weights[dimension];
  if (dimension === 'network') return prior === undefined ? undefined : maxPoints * prior;
  const features = model.features[dimension];
  const possible = features.reduce((sum, f) => sum + maxPointsOf(f), 0);
  const typical = features.reduce((sum, f) => sum + referencePointsOf(f), 0);
  return possible > 0 ? (maxPoints * typical) / possible : 0;
}

/** The prior μ the run's network values were shrunk towards, as the run recorded it. */
function runPrior(stats: Record<string, unknown>): number | undefined {
  const network = stats.network as { prior?: unknown } | undefined;
  const prior = typeof stats.prior === 'number' ? stats.prior : network?.prior;
  return typeof prior === 'number' && prior >= 0 && prior <= 1 ? prior : undefined;
}

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
  const mu = view && view.run.id === run.id ? view.network.mu : runPrior(run.stats);
  // The network dimension's reference: a person without contacts (μ, or the centre of a band).
  const prior = mu === undefined ? undefined : bandCentre(mu, model.network.bandHalfWidth);
  const dimensions = DIMENSIONS.map((dimension) => {
    const value = score.dimensions[dimension];
    const maxPoints = SCORE_SPAN * weights[dimension];
    const points = maxPoints * value;
    const reference = dimensionReferencePoints(dimension, model, prior);
    return {
      dimension,
      value: roundShare(value),
      weight: weights[dimension],
      points: roundPoints(points),
      maxPoints: roundPoints(maxPoints),
      referencePoints: reference === undefined ? null : roundPoints(reference),
      pointsVsReference: reference === undefined ? null : roundPoints(points - reference),
    };
  });

  // The per-feature breakdown is recomputed from today's records; it is shown only when it
  // reproduces the stored dimensions (same model, records unchanged since the run).
  let features: Record<string, unknown> | null = null;
  if (run.modelVersion === model.version && score.modelVersion === model.version) {
    const own = scoreOwnDimensions({ person, events: served.events, asOf: run.asOf, model });
    if (PERSONAL_DIMENSIONS.every((d) => Math.abs(own[d].value - score.dimensions[d]) < SAME)) {
      features = Object.fromEntries(
        PERSONAL_DIMENSIONS.map((d) => {
          const possible = own[d].features.reduce((sum, f) => sum + f.maxPoints, 0);
          const toScorePoints = possible > 0 ? (SCORE_SPAN * weights[d]) / possible : 0;
          return [
            d,
            own[d].features.map((f) => {
              const lost = (f.referencePoints - f.points) * toScorePoints;
              return {
                code: f.code,
                label: f.label,
                text: `${f.label}: ${formatMeasure(f.measure, f.value)}`,
                measure: f.measure,
                value: f.value === undefined ? null : roundTo(f.value, 3),
                missing: f.missing,
                points: f.points,
                maxPoints: f.maxPoints,
                referencePoints: f.referencePoints,
                // The adverse reason only where the feature cost points against the reference (as reason codes count them).
                ...(lost >= MIN_REASON_POINTS ? { reason: f.reason, pointsLost: roundPoints(lost) } : {}),
              };
            }),
          ];
        }),
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
      value: roundShare(why.network),
      prior: roundShare(why.centre),
      mu: roundShare(why.mu),
      bandHalfWidth: view.network.bandHalfWidth ?? null,
      // What the score would change by if the network value were the prior (no contacts).
      pointsFromContacts: roundPoints(networkPointsVsPrior(why.network, why.centre, model)),
      contacts: why.contactCount,
      contactWeight: roundShare(why.credibility),
      priorShare: why.network > 0 ? roundShare(why.prior / why.network) : 1,
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
        // Analysts reconcile Σ contributions + prior = value, so contributions keep 6 places.
        priorShrinkage: roundTo(why.priorShrinkage, 6),
        priorDeficit: roundTo(why.priorDeficit, 6),
        contributions: why.contributions.map((c) => ({
          personId: view.idOf(c.contact) ?? null,
          weight: roundShare(c.weight),
          share: roundShare(c.share),
          value: roundShare(c.value),
          contribution: roundTo(c.contribution, 6),
          points: roundPoints(networkPoints * c.contribution),
        })),
        otherContributions: roundTo(why.otherContributions, 6),
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
    reference: REASON_REFERENCE,
    dimensions,
    reasonCodes: displayReasonCodes(score.reasonCodes),
    features,
    network,
  };
}
