/**
 * `tiescore model fit`: a lender adopts tiescore by fitting it to their own book. Given the
 * persons of a published run with observed outcomes, fits the five dimension weights
 * (fit-weights.ts: monotone, the network's reach capped in points) and the network's smoothing
 * α and shrinkage κ, and reports how the fitted score ranks the outcomes on the persons it was
 * fitted on and on a holdout it never saw.
 *
 * The own score b depends on the weights and the network dimension on b, so for each (α, κ, h)
 * of a small grid — h the network band's half-width, or none — the fit alternates: propagate b
 * over the graph, fit the weights, recompute b, `rounds` times. The candidate with the lowest
 * training log-loss wins — the holdout only reports.
 * The network values the report scores with are those the recompute pipeline computes with the
 * fitted model (same snapshot, same kernel), so `recompute --model FITTED` reproduces them.
 */
import { propagateNetwork, type Csr, type NetworkResult } from '../graph/index.js';
import { ownWithPrior, snapshotOfImage } from '../jobs/recompute/snapshot-image.js';
import { EVALUATION_DEFAULTS } from '../reports/evaluation.js';
import { fairnessReport } from '../reports/fairness.js';
import { auc } from '../reports/metrics/auc.js';
import { aucDifference, quantileOfSorted, type AucDifference } from '../reports/metrics/bootstrap.js';
import { ks } from '../reports/metrics/ks.js';
import { bandOf, ownScore, SCORE_SPAN, scoreOfDimensions, type Model, type PersonalDimension } from '../score/index.js';
import type { ReportRow } from '../store/store.js';
import { mulberry32 } from '../prng.js';
import { FIT_DEFAULTS } from './fit-defaults.js';
import type { FitData } from './fit-data.js';
import { fitWeights, type DimensionColumns, type Weights } from './fit-weights.js';
import { FitError } from './fit-error.js';

export { FIT_DEFAULTS } from './fit-defaults.js';


/** The persons held out: a random share, or those whose account opened on or after a date. */
export type Holdout = { share: number } | { accountsFrom: string };

export interface ModelFitOptions {
  /** Version of the fitted model. */
  version: string;
  holdout?: Holdout;
  networkCapPoints?: number;
  alphas?: readonly number[];
  shrinkages?: readonly number[];
  /** Band half-widths to try; null: no band. */
  bandHalfWidths?: readonly (number | null)[];
  rounds?: number;
  replicates?: number;
  seed?: number;
}

/** How one score ranks one segment's outcomes. */
export interface SegmentFit {
  persons: number;
  defaults: number;
  auc: { withNetwork: number | null; withoutNetwork: number | null; networkAlone: number | null };
  ks: { withNetwork: number | null; withoutNetwork: number | null };
  /** AUC with − without the network, with its paired bootstrap interval. */
  difference: AucDifference | null;
}

export interface ModelFitReport {
  base: string;
  version: string;
  run: { id: string; asOf: string };
  holdout: string;
  persons: { train: number; holdout: number };
  networkCapPoints: number;
  /** 600·w_network: the most the network dimension can move a score under the fitted model. */
  networkReachPoints: number;
  /** True when the cap decided the network weight. */
  capped: boolean;
  /**
   * What contacts account for under the fitted model, in points: 600·w_network·|d_i − prior|
   * over the persons with an outcome (what removing every contact would change) — the reach in
   * use, beside the bound `networkReachPoints`.
   */
  contactPoints: { median: number; p90: number; p99: number; largest: number };
  weights: Weights;
  network: { alpha: number; shrinkage: number; bandHalfWidth: number | null };
  /** The weights of the same fit without the network dimension (what "without" means below). */
  weightsWithoutNetwork: Weights;
  candidates: { alpha: number; shrinkage: number; bandHalfWidth: number | null; trainLogLoss: number }[];
  train: { all: SegmentFit; thin: SegmentFit };
  holdoutFit: { all: SegmentFit; thin: SegmentFit };
  /** Adverse-impact ratios under the fitted model (fairness report at its default cut-off). */
  fairness: { attribute: string; group: string; withNetwork: number | null; withoutNetwork: number | null; flagged: boolean }[];
}

export interface ModelFit {
  model: Model;
  report: ModelFitReport;
  /** The persons with an outcome, scored under the fitted model. */
  rows: ReportRow[];
  /** The ids of the persons held out (the holdout figures are theirs). */
  heldOut: string[];
}

interface Candidate {
  alpha: number;
  shrinkage: number;
  bandHalfWidth: number | null;
  weights: Weights;
  capped: boolean;
  trainLogLoss: number;
}

/**
 * @example
 * const { model, report } = fitModel(await readFitData(store, base), base, { version: 'acme-2026.12' });
 */
export function fitModel(data: FitData, base: Model, options: ModelFitOptions): ModelFit {
  const o = { ...FIT_DEFAULTS, ...options };
  const holdout = o.holdout ?? { share: FIT_DEFAULTS.holdoutShare };
  const inHoldout = holdoutMask(data, holdout, o.seed);
  const train = data.rows.filter((_, k) => !inHoldout[k]);
  const held = data.rows.filter((_, k) => inHoldout[k]);
  if (train.length === 0) throw new FitError('fit: the holdout leaves nobody to fit on');
  const trainOutcomes = Uint8Array.from(train, (row) => (row.defaulted ? 1 : 0));
  if (o.alphas.length * o.shrinkages.length * o.bandHalfWidths.length === 0) throw new FitError('fit: no candidate α, κ and band to choose from');
  const candidates: Candidate[] = [];
  for (const bandHalfWidth of o.bandHalfWidths) {
    // Trust depends on the model's trust settings and the band (tie-strength.ts): once per band.
    const csr = snapshotOfImage(data.image, modelWith(base, base.weights, { ...base.network, bandHalfWidth })).csr;
    for (const alpha of o.alphas) {
      for (const shrinkage of o.shrinkages) {
        const network = { alpha, shrinkage, bandHalfWidth };
        let weights: Weights = { ...base.weights };
        let fit: ReturnType<typeof fitWeights> | undefined;
        for (let round = 0; round < o.rounds; round++) {
          const values = propagateWith(data, csr, modelWith(base, weights, network));
          fit = fitWeights(columnsOf(data, train, values.network), trainOutcomes, o.networkCapPoints);
          weights = fit.weights;
        }
        candidates.push({ ...network, weights, capped: fit!.capped, trainLogLoss: fit!.fit.logLoss });
      }
    }
  }
  const best = candidates.reduce((a, b) => (b.trainLogLoss < a.trainLogLoss ? b : a));
  const model: Model = { ...modelWith(base, best.weights, best), version: o.version };
  const propagated = propagateWith(data, snapshotOfImage(data.image, model).csr, model);
  const network = propagated.network;
  const without = fitWeights(columnsOf(data, train, network), trainOutcomes, 0).weights;
  const withoutModel: Model = { ...model, weights: without };

  const scored = data.rows.map((row) => rescored(row, data, network, model));
  const segment = (rows: ReportRow[]) => segmentFit(rows, model, withoutModel, o.replicates);
  const thin = (rows: ReportRow[]) => rows.filter((row) => row.creditEvents <= EVALUATION_DEFAULTS.thinFileMaxEvents);
  const scoredTrain = scored.filter((_, k) => !inHoldout[k]);
  const scoredHeld = scored.filter((_, k) => inHoldout[k]);
  const fairness = fairnessReport({ run: { id: data.run.id, modelVersion: model.version, asOf: data.run.asOf }, rows: scored, model });

  return {
    model,
    report: {
      base: base.version,
      version: model.version,
      run: { id: data.run.id, asOf: data.run.asOf },
      holdout: 'share' in holdout ? `a random ${Math.round(holdout.share * 100)}% of the persons (seed ${o.seed})` : `accounts opened on or after ${holdout.accountsFrom}`,
      persons: { train: train.length, holdout: held.length },
      networkCapPoints: o.networkCapPoints,
      networkReachPoints: SCORE_SPAN * model.weights.network,
      capped: best.capped,
      contactPoints: contactPointsOf(data.rows, network, propagated.prior, model),
      weights: model.weights,
      network: { alpha: best.alpha, shrinkage: best.shrinkage, bandHalfWidth: best.bandHalfWidth },
      weightsWithoutNetwork: without,
      candidates: candidates.map(({ alpha, shrinkage, bandHalfWidth, trainLogLoss }) => ({ alpha, shrinkage, bandHalfWidth, trainLogLoss })),
      train: { all: segment(scoredTrain), thin: segment(thin(scoredTrain)) },
      holdoutFit: { all: segment(scoredHeld), thin: segment(thin(scoredHeld)) },
      fairness: fairness.attributes.flatMap((attribute) =>
        attribute.groups.map((group) => ({
          attribute: attribute.attribute,
          group: group.group,
          withNetwork: group.full.adverseImpactRatio,
          withoutNetwork: group.withoutNetwork.adverseImpactRatio,
          flagged: fairness.flags.some((f) => f.attribute === attribute.attribute && f.group === group.group),
        })),
      ),
    },
    rows: scored,
    heldOut: held.map((row) => row.personId),
  };
}

/** `base` with the given weights and network parameters (a null band: none). */
function modelWith(base: Model, weights: Weights, network: Pick<Candidate, 'alpha' | 'shrinkage' | 'bandHalfWidth'>): Model {
  const { bandHalfWidth: _band, ...rest } = base.network;
  const { alpha, shrinkage, bandHalfWidth } = network;
  return { ...base, weights: { ...weights }, network: { ...rest, alpha, shrinkage, ...(bandHalfWidth === null ? {} : { bandHalfWidth }) } };
}

/**
 * The network values the recompute pipeline computes for the image under `model`: the same own
 * scores, prior (snapshot-image.ts) and kernel, on the image's trusted `csr`.
 */
function propagateWith(data: FitData, csr: Csr, model: Model): NetworkResult {
  const n = data.image.ids.length;
  const scores = new Float64Array(n);
  for (let seq = 0; seq < n; seq++) {
    if (data.image.ids[seq] === undefined || Number.isNaN(data.own.history[seq]!)) continue;
    scores[seq] = ownScore(dimensionsAt(data, seq), model);
  }
  const { own, mu } = ownWithPrior(data.image, scores);
  return propagateNetwork(csr, own, model.network, { mu });
}

function dimensionsAt(data: FitData, seq: number): Record<PersonalDimension, number> {
  return {
    history: data.own.history[seq]!,
    behaviour: data.own.behaviour[seq]!,
    capacity: data.own.capacity[seq]!,
    identity: data.own.identity[seq]!,
  };
}

function columnsOf(data: FitData, rows: readonly ReportRow[], network: Float64Array): DimensionColumns {
  const column = (value: (seq: number) => number) => Float64Array.from(rows, (row) => value(row.seq));
  return {
    history: column((seq) => data.own.history[seq]!),
    behaviour: column((seq) => data.own.behaviour[seq]!),
    capacity: column((seq) => data.own.capacity[seq]!),
    identity: column((seq) => data.own.identity[seq]!),
    network: column((seq) => network[seq]!),
  };
}

/** A report row under the fitted model: the own dimensions of the fit's read, the new network value. */
function rescored(row: ReportRow, data: FitData, network: Float64Array, model: Model): ReportRow {
  const dimensions = { ...dimensionsAt(data, row.seq), network: network[row.seq]! };
  const score = Math.round(scoreOfDimensions(dimensions, model));
  return { ...row, dimensions, score, band: bandOf(score).id };
}

function contactPointsOf(rows: readonly ReportRow[], network: Float64Array, prior: number, model: Model): ModelFitReport['contactPoints'] {
  const points = Float64Array.from(rows, (row) => SCORE_SPAN * model.weights.network * Math.abs(network[row.seq]! - prior)).sort();
  const at = (q: number) => (points.length > 0 ? quantileOfSorted(points, q) : 0);
  return { median: at(0.5), p90: at(0.9), p99: at(0.99), largest: points.length > 0 ? points[points.length - 1]! : 0 };
}

function segmentFit(rows: readonly ReportRow[], model: Model, withoutModel: Model, replicates: number): SegmentFit {
  const bad = Uint8Array.from(rows, (row) => (row.defaulted ? 1 : 0));
  const defaults = bad.reduce((a, b) => a + b, 0);
  const score = (m: Model) => Float64Array.from(rows, (row) => scoreOfDimensions(row.dimensions, m));
  const withNetwork = score(model);
  const withoutNetwork = score(withoutModel);
  const networkAlone = Float64Array.from(rows, (row) => row.dimensions.network);
  const both = defaults > 0 && defaults < rows.length;
  const finite = (x: number) => (both && Number.isFinite(x) ? x : null);
  return {
    persons: rows.length,
    defaults,
    auc: { withNetwork: finite(auc(withNetwork, bad)), withoutNetwork: finite(auc(withoutNetwork, bad)), networkAlone: finite(auc(networkAlone, bad)) },
    ks: { withNetwork: both ? ks(withNetwork, bad).ks : null, withoutNetwork: both ? ks(withoutNetwork, bad).ks : null },
    difference: both ? aucDifference(withNetwork, withoutNetwork, bad, { replicates }) : null,
  };
}

/** Which of `data.rows` are held out. */
function holdoutMask(data: FitData, holdout: Holdout, seed: number): Uint8Array {
  const mask = new Uint8Array(data.rows.length);
  if ('share' in holdout) {
    if (!(holdout.share >= 0 && holdout.share < 1)) throw new FitError(`fit: the holdout share must be in [0, 1), got ${holdout.share}`);
    const random = mulberry32(seed);
    data.rows.forEach((_, k) => (mask[k] = random() < holdout.share ? 1 : 0));
    return mask;
  }
  // Account age at the run's as-of date tells when the account opened.
  const asOfDay = Date.parse(`${data.run.asOf}T00:00:00Z`) / 86_400_000;
  const fromDay = Date.parse(`${holdout.accountsFrom}T00:00:00Z`) / 86_400_000;
  if (!Number.isFinite(fromDay)) throw new FitError(`fit: the holdout date must be YYYY-MM-DD, got ${holdout.accountsFrom}`);
  data.rows.forEach((row, k) => (mask[k] = asOfDay - data.image.accountAgeDays[row.seq]! >= fromDay ? 1 : 0));
  return mask;
}

