/**
 * The scorecard model: a versioned, readable data file (`models/default.json`) that says how
 * much each dimension weighs, which bins of which measure earn how many points, how fast old
 * credit events fade, and the network-dimension parameters. `parseModel` validates one with
 * zod and `loadModel` reads one from disk (the only I/O in src/score).
 *
 * File format, in brief:
 * ```json
 * { "version": "my-model-1", "card": "my-model-1.md",
 *   "weights": { "history": …, "behaviour": …, "capacity": …, "identity": …, "network": … },
 *   "history": { "halfLifeMonths": 24, "retentionYears": 7 },
 *   "disputedEvents": "exclude",
 *   "features": { "history": [ { "code": "H_DEFAULTS", "measure": "decayedDefaults",
 *                                "label": "Defaults on record", "reason": "Defaults on record",
 *                                "typical": 70.6, "missing": { "points": 70 },
 *                                "bins": [ { "upTo": 0, "points": 120 }, …, { "points": 0 } ] } ],
 *                 // an actionable feature also says what a person can do (README, "Recourse"):
 *                 //   "actionable": { "direction": "higher", "by": 0.1, "months": 6, "action": "Pay every bill on time" }
 *                 "behaviour": […], "capacity": […], "identity": […] },
 *   "networkReason": { "code": "N_NETWORK", "reason": "…" },
 *   "network": { "alpha": …, "shrinkage": …, … } }
 * ```
 * A bin holds the values up to and including `upTo` that the previous bin did not; the last bin
 * has no `upTo` and takes every larger value. A dimension's value is the points its features
 * earn divided by the most they could earn, so it lies in [0, 1]. An unknown value (an empty
 * or absent person attribute) earns the feature's `missing` points; reason codes measure each
 * feature against its `typical` points (README, "Reason codes").
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { NetworkParams } from '../graph/index.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { ModelError } from './model-error.js';
import { MEASURES, PERSONAL_DIMENSIONS, measuresOf, type PersonalDimension } from './measures.js';

export { ModelError } from './model-error.js';

/** The model used when none is named (`--model FILE`, `TIESCORE_MODEL`). */
export const DEFAULT_MODEL_PATH = join(PACKAGE_ROOT, 'models', 'default.json');

/** How far the dimension weights may sum away from 1 (float rounding in hand-written files). */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

const CODE = /^[A-Z][A-Z0-9_]*$/;
const code = z.string().regex(CODE, 'must be UPPER_SNAKE_CASE, e.g. "H_DEFAULTS"');
const reason = z.string().min(1, 'must be a plain-language sentence, not empty');

const binSchema = z.strictObject({
  /** Largest value of this bin (inclusive); absent on the last bin only. */
  upTo: z.number().optional(),
  /** Points earned by a value in this bin. */
  points: z.number().min(0),
});

/**
 * What a person can do about a feature (README, "Recourse"): the way they can move its value, how
 * far in how many months, and what to do, in plain words. A feature without it is not
 * actionable: it is never part of a recourse plan.
 */
const actionableSchema = z.strictObject({
  /** The way the value can move; it must be the measure's better way. */
  direction: z.enum(['higher', 'lower']),
  /** How far the value can move within `months`, in the measure's unit; absent: as far as the measure goes. */
  by: z.number().gt(0).optional(),
  /** The time the change takes, in months. */
  months: z.number().int().min(1).max(120),
  /** What to do, imperative and plain: "Pay every utility and phone bill on time". */
  action: z.string().min(1, 'must say what to do, not empty'),
});

function featureSchema<D extends PersonalDimension>(dimension: D) {
  return z
    .strictObject({
      code,
      measure: z.enum(measuresOf(dimension)),
      /** Neutral label shown with the value ("Bills paid on time: 97%"); the measure's own when absent. */
      label: z.string().min(1, 'must be a short neutral label, not empty').optional(),
      /** Adverse reason, shown only where the feature cost points against the reference. */
      reason,
      /**
       * The reference points of reason codes: what the calibration population earned on this
       * feature on average (README, "Reason codes"). Absent: the best bin's points.
       */
      typical: z.number().min(0).optional(),
      /** Points of an unknown value (an empty or absent person attribute). Absent: the worst bin's. */
      missing: z.strictObject({ points: z.number().min(0) }).optional(),
      bins: z.array(binSchema).min(1),
      /** Absent: not actionable (the past, identity facts). Old model files have none and still load. */
      actionable: actionableSchema.optional(),
    })
    .superRefine((feature, ctx) => {
      const { bins, measure } = feature;
      if (feature.actionable !== undefined && feature.actionable.direction !== MEASURES[measure].better) {
        ctx.addIssue({
          code: 'custom',
          path: ['actionable', 'direction'],
          message: `must be "${MEASURES[measure].better}": a ${MEASURES[measure].better} ${measure} is better`,
        });
      }
      const most = maxPointsOf(feature);
      const least = minPointsOf(feature);
      if (feature.missing !== undefined && (feature.missing.points < least || feature.missing.points > most)) {
        ctx.addIssue({ code: 'custom', path: ['missing', 'points'], message: `must lie between the worst and the best bin (${least} to ${most})` });
      }
      if (feature.typical !== undefined && (feature.typical < least || feature.typical > most)) {
        ctx.addIssue({ code: 'custom', path: ['typical'], message: `must lie between the worst and the best bin (${least} to ${most})` });
      }
      const better = MEASURES[measure].better;
      bins.forEach((bin, i) => {
        const last = i === bins.length - 1;
        if (!last && bin.upTo === undefined) {
          ctx.addIssue({ code: 'custom', path: ['bins', i, 'upTo'], message: 'required on every bin but the last' });
        }
        if (last && bin.upTo !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['bins', i, 'upTo'],
            message: 'the last bin takes every larger value, so it has no upTo',
          });
        }
        const previous = bins[i - 1];
        if (previous === undefined) return;
        if (bin.upTo !== undefined && previous.upTo !== undefined && bin.upTo <= previous.upTo) {
          ctx.addIssue({ code: 'custom', path: ['bins', i, 'upTo'], message: 'must be greater than the previous bin\'s upTo' });
        }
        if (better === 'higher' && bin.points < previous.points) {
          ctx.addIssue({
            code: 'custom',
            path: ['bins', i, 'points'],
            message: `must not be below the previous bin's points: a higher ${measure} is better`,
          });
        }
        if (better === 'lower' && bin.points > previous.points) {
          ctx.addIssue({
            code: 'custom',
            path: ['bins', i, 'points'],
            message: `must not exceed the previous bin's points: a lower ${measure} is better`,
          });
        }
      });
    });
}

function featureListSchema<D extends PersonalDimension>(dimension: D) {
  return z
    .array(featureSchema(dimension))
    .min(1)
    .superRefine((features, ctx) => {
      const seen = new Set<string>();
      features.forEach((feature, i) => {
        if (seen.has(feature.measure)) {
          ctx.addIssue({ code: 'custom', path: [i, 'measure'], message: `${feature.measure} is scored twice` });
        }
        seen.add(feature.measure);
      });
      if (features.reduce((sum, feature) => sum + maxPointsOf(feature), 0) <= 0) {
        ctx.addIssue({ code: 'custom', path: [], message: 'the features must be able to earn some points (all bins are 0)' });
      }
    });
}

const weight = z.number().min(0).max(1);
const weightsSchema = z
  .strictObject({ history: weight, behaviour: weight, capacity: weight, identity: weight, network: weight })
  .superRefine((weights, ctx) => {
    const sum = Object.values(weights).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      ctx.addIssue({ code: 'custom', path: [], message: `must sum to 1 (they sum to ${sum})` });
    }
    if (weights.network >= 1) {
      ctx.addIssue({ code: 'custom', path: ['network'], message: 'must be below 1: the person\'s own records need some weight' });
    }
  });

const networkSchema = z.strictObject({
  alpha: z.number().min(0).lt(1),
  shrinkage: z.number().min(0),
  perContactCap: z.number().gt(0).max(1),
  friendWeight: z.number().min(0),
  paidWeight: z.number().min(0),
  unverifiedTrust: z.number().min(0).max(1),
  newAccountDays: z.number().min(0),
  edgeHalfLifeDays: z.number().gt(0),
  bandHalfWidth: z.number().gt(0).optional(),
});
// The `network` section validates into exactly the graph kernels' parameter object.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _networkIsExactlyNetworkParams: Same<z.output<typeof networkSchema>, NetworkParams> = true;

const DEFAULT_NETWORK_REASON = {
  code: 'N_NETWORK',
  reason: 'Your contacts\u2019 credit records lower your network dimension',
};

export const modelSchema = z
  .strictObject({
    version: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "-" and "_" only, e.g. "default-2026.11"'),
    notes: z.string().default(''),
    /** The model card (Markdown), relative to the model file: intended use, calibration, performance, limits. */
    card: z.string().min(1, 'must name the model card file, e.g. "default.md"').optional(),
    weights: weightsSchema,
    history: z.strictObject({
      /** Months after which an event counts half as much: weight 0.5^(age / halfLifeMonths). */
      halfLifeMonths: z.number().gt(0),
      /** Events older than this are ignored entirely. */
      retentionYears: z.number().gt(0),
    }),
    /** Events under an open dispute: left out (`exclude`) or counted and listed (`flag`). */
    disputedEvents: z.enum(['exclude', 'flag']).default('exclude'),
    features: z.strictObject({
      history: featureListSchema('history'),
      behaviour: featureListSchema('behaviour'),
      capacity: featureListSchema('capacity'),
      identity: featureListSchema('identity'),
    }),
    /** The reason code reported when the network dimension pulls a score below the prior. */
    networkReason: z.strictObject({ code, reason }).default(DEFAULT_NETWORK_REASON),
    network: networkSchema,
  })
  .superRefine((model, ctx) => {
    const seen = new Set<string>([model.networkReason.code]);
    for (const dimension of PERSONAL_DIMENSIONS) {
      model.features[dimension].forEach((feature, i) => {
        if (seen.has(feature.code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['features', dimension, i, 'code'],
            message: `${feature.code} is used twice; reason codes must be unique`,
          });
        }
        seen.add(feature.code);
      });
    }
  });

/** A validated scorecard model. */
export type Model = z.output<typeof modelSchema>;
/** One scored feature of a model: a measure, its bins → points, its reason code. */
export type ModelFeature = Model['features'][PersonalDimension][number];
/** One bin of a feature. */
export type Bin = z.output<typeof binSchema>;
/** What a person can do about a feature: direction, reach in a time, the action in words. */
export type Actionable = z.output<typeof actionableSchema>;

/** The most points a feature can earn (its best bin). */
export function maxPointsOf(feature: { bins: readonly Bin[] }): number {
  return feature.bins.reduce((max, bin) => Math.max(max, bin.points), 0);
}

/** The fewest points a feature can earn (its worst bin). */
export function minPointsOf(feature: { bins: readonly Bin[] }): number {
  return feature.bins.reduce((min, bin) => Math.min(min, bin.points), Infinity);
}

/** The points an unknown value earns: the model's `missing` bin, else the worst bin (nothing is assumed). */
export function missingPointsOf(feature: Pick<ModelFeature, 'bins' | 'missing'>): number {
  return feature.missing?.points ?? minPointsOf(feature);
}

/** The reference points reason codes measure a feature against: `typical`, else the best bin. */
export function referencePointsOf(feature: Pick<ModelFeature, 'bins' | 'typical'>): number {
  return feature.typical ?? maxPointsOf(feature);
}

/** The neutral label of a feature: the model's, else its measure's. */
export function labelOf(feature: Pick<ModelFeature, 'label' | 'measure'>): string {
  return feature.label ?? MEASURES[feature.measure].label;
}

/** The reason shown for an unknown value: "No information on bill payments". */
export function missingReasonOf(feature: Pick<ModelFeature, 'measure'>): string {
  return `No information on ${MEASURES[feature.measure].topic}`;
}

/**
 * The model card's path: `card` resolved from the model file's folder; undefined when the model
 * names none.
 *
 * @example
 * cardPathOf(model, 'models/default.json'); // '/…/models/default.md'
 */
export function cardPathOf(model: Pick<Model, 'card'>, modelPath: string = DEFAULT_MODEL_PATH): string | undefined {
  return model.card === undefined ? undefined : resolve(dirname(resolve(modelPath)), model.card);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'model';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Validates a model (a parsed JSON value, or JSON text).
 *
 * @throws ModelError naming the first bad field, e.g. `weights: must sum to 1 (they sum to 1.05)`.
 * @example
 * const model = parseModel(JSON.parse(readFileSync('models/default.json', 'utf8')));
 * model.weights.history; // 0.35
 */
export function parseModel(json: unknown): Model {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ModelError(`model: not valid JSON (${(error as Error).message})`);
    }
  }
  const result = modelSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${formatPath(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`,
  );
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new ModelError(`${problems[0]}${more}`, problems);
}

/**
 * Reads and validates a model file; relative paths are resolved from the working directory.
 *
 * @param path the model file; `models/default.json` of this package when omitted.
 * @throws ModelError starting with the file name, e.g.
 *   `models/mine.json: history.halfLifeMonths: Too small: expected number to be >0`.
 * @example
 * const model = await loadModel(options.model); // `--model FILE`, or the default model
 * model.version; // "default-2026.11"
 */
export async function loadModel(path: string = DEFAULT_MODEL_PATH): Promise<Model> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ModelError(`${path}: cannot read the model file (${why})`);
  }
  try {
    return parseModel(text);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    const prefix = (line: string) => `${path}: ${line.replace(/^model: not valid JSON/, 'not valid JSON')}`;
    throw new ModelError(prefix(error.message), error.problems.map(prefix));
  }
}
