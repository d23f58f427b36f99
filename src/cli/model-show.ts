/**
 * `tiescore model show`: what a reader needs first of a model — version, dimension weights, how
 * far the network dimension can move a score (600 · w_network points), which features a person can act on
 * (recourse) and where the model card is.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { jsonForPeople, roundPoints } from '../domain/display-numbers.js';
import { cardPathOf, DEFAULT_MODEL_PATH, DIMENSIONS, PERSONAL_DIMENSIONS, SCORE_SPAN, type Dimension, type Model } from '../score/index.js';
import { loadCliModel } from './load-cli-model.js';

/** What `tiescore model show` prints. */
export interface ModelSummary {
  /** The model file, as resolved from --model, TIESCORE_MODEL or the default. */
  file: string;
  version: string;
  weights: Record<Dimension, number>;
  /** The most any dimension can add to a score: 600 · w_k points. */
  maxPoints: Record<Dimension, number>;
  /** The network dimension's largest possible effect on a score, in points (600 · w_network). */
  networkMaxEffect: number;
  /** The network band's half-width h (the dimension is ½ + clamp((n − μ)/2h, ±½)); null: the dimension is n. */
  networkBandHalfWidth: number | null;
  /** The model card's path; null when the model names none. */
  card: string | null;
  /** Whether that file exists. */
  cardExists: boolean;
  /** The features a person can act on (recourse), with direction, reach and the action in words. */
  actionable: { code: string; direction: 'higher' | 'lower'; by: number | null; months: number; action: string }[];
}

/**
 * @example
 * summariseModel(model, 'models/default.json').networkMaxEffect; // 87 at w_network = 0.145
 */
export function summariseModel(model: Model, file: string): ModelSummary {
  const card = cardPathOf(model, file);
  return {
    file,
    version: model.version,
    weights: { ...model.weights },
    maxPoints: Object.fromEntries(DIMENSIONS.map((d) => [d, roundPoints(SCORE_SPAN * model.weights[d])])) as Record<Dimension, number>,
    networkMaxEffect: roundPoints(SCORE_SPAN * model.weights.network),
    networkBandHalfWidth: model.network.bandHalfWidth ?? null,
    card: card ?? null,
    cardExists: card !== undefined && existsSync(card),
    actionable: PERSONAL_DIMENSIONS.flatMap((d) =>
      model.features[d].flatMap((f) => (f.actionable ? [{ code: f.code, ...f.actionable, by: f.actionable.by ?? null }] : [])),
    ),
  };
}

/** The summary as text, one fact a line. */
export function describeModel(summary: ModelSummary): string {
  return [
    `model ${summary.version}  (${summary.file})`,
    'dimension   weight   at most',
    ...DIMENSIONS.map((d) => `  ${d.padEnd(10)} ${summary.weights[d].toFixed(3)}  ${summary.maxPoints[d].toFixed(1).padStart(5)} points`),
    `the network dimension's largest possible effect: ${summary.networkMaxEffect.toFixed(1)} points (600 × ${summary.weights.network})`,
    summary.networkBandHalfWidth === null
      ? 'network band: none (the dimension is the network value)'
      : `network band: h = ${summary.networkBandHalfWidth} (the dimension is ½ + clamp((n − μ)/2h, ±½); unverified contacts' trust shrinks by the band's slope)`,
    `actionable (recourse): ${summary.actionable.length === 0 ? 'none' : summary.actionable.map((a) => `${a.code} ${a.direction}${a.by === null ? '' : ` by ${a.by}`} in ${a.months} month${a.months === 1 ? '' : 's'}`).join(', ')}`,
    `model card: ${summary.card === null ? 'none (the model names no card)' : `${summary.card}${summary.cardExists ? '' : ' (named by the model, but not there)'}`}`,
  ].join('\n');
}

/** The command's action: `--model FILE` (else TIESCORE_MODEL, else the default) as text or JSON. */
export async function showModel(options: { model?: string; json?: boolean }): Promise<void> {
  const config = loadConfig();
  const file = options.model ?? config.TIESCORE_MODEL ?? DEFAULT_MODEL_PATH;
  const summary = summariseModel(await loadCliModel(config, file), file);
  console.log(options.json ? jsonForPeople(summary) : describeModel(summary));
}
